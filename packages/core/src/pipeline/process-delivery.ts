import type { DeadLetter } from '../dead-letters/dead-letter.js'
import { traceHandlers, tracesHandlers } from '../diagnostics/trace-handlers.js'
import { dispatch } from '../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName, EventMap } from '../emitter/event-map.js'
import { EventNameByWebhook, groupOf, isWebhookName } from '../emitter/event-names.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../receiver-options.js'
import { createClaimLease } from '../store/claim-lease.js'
import { checkShape, type DeliveryShape } from './check-shape.js'
import { abortEvent, createEvent } from './create-event.js'
import type { Delivery } from './delivery.js'
import { createLoseDelivery } from './lose-delivery.js'
import { createRunningDeliveries } from './running-deliveries.js'
import { settleWithin } from './settle-within.js'
import { checkPayload } from './validate-payload.js'

type Dedupe = NonNullable<ResolvedOptions['dedupe']>

/**
 * Shape, schema, dedupe and dispatch, in that order: the steps `handle()` and `receive()` share. `keep` gets
 * each dead letter (`handle()` only: `receive()` rejects instead), before the answer when it is known by then.
 */
export function createProcessDelivery(
  options: ResolvedOptions,
  emitter: TypedEmitter,
  report: (error: WebhookError) => void,
  keep?: (letter: DeadLetter) => boolean,
) {
  const lose = createLoseDelivery(keep)
  const { dedupe, validation } = options
  const running = createRunningDeliveries(options.handlerTimeout, options.handlerDeadline, lose)
  const lease = createClaimLease(dedupe, options.handlerTimeout, (cause, what) =>
    report(new WebhookError('store_failed', `The dedupe store failed to ${what}.`, { cause })),
  )

  /** Runs lifecycle listeners (`invalid`, `duplicate`); their failures are reported, never answered. */
  const notify = <K extends 'invalid' | 'duplicate'>(name: K, event: EventMap[K]) => {
    if (!emitter.has(name)) return
    const errors = dispatch(emitter, [name], event)
    const check = (list: readonly unknown[]) => {
      if (list.length > 0) report(handlerFailure(list))
    }
    if (Array.isArray(errors)) check(errors)
    else (errors as Promise<readonly unknown[]>).then(check)
  }

  const release = (id: string) => {
    if (dedupe === undefined) return
    // A store that fails to release only means a retry is dropped as a duplicate until the TTL ends.
    Promise.resolve()
      .then(() => dedupe.store.release(id))
      .catch((cause: unknown) =>
        report(new WebhookError('store_failed', 'The dedupe store failed to release an id.', { cause })),
      )
  }

  /** Whether `id` is new; synchronous when the store answers synchronously, as the memory store does. */
  const claim = (
    { store, lease, timeout }: Dedupe,
    id: string,
  ): boolean | WebhookError | Promise<boolean | WebhookError> => {
    let claimed: boolean | Promise<boolean>
    try {
      claimed = store.claim(id, lease)
    } catch (cause) {
      return new WebhookError('store_failed', 'The dedupe store threw on claim.', { cause })
    }
    if (typeof claimed === 'boolean') return claimed
    return settleWithin(claimed, timeout).then((outcome) => {
      // Anything but a boolean is a broken store: taking it as "seen" would answer 200 and drop the delivery.
      if (outcome.state === 'fulfilled')
        return typeof outcome.value === 'boolean'
          ? outcome.value
          : new WebhookError(
              'store_failed',
              `The dedupe store answered a claim with ${typeof outcome.value}, not a boolean.`,
            )
      return outcome.state === 'rejected'
        ? new WebhookError('store_failed', 'The dedupe store rejected a claim.', { cause: outcome.reason })
        : new WebhookError('store_failed', `The dedupe store did not answer within ${timeout} ms.`)
    })
  }

  /** Dispatches a new delivery: `delivery.done` settles with the handlers, and `outcome` becomes `dispatched`. */
  const deliver = (delivery: Delivery): Delivery => {
    // Closed: nothing more is dispatched, and the claim is let go so that a retry is not taken for a duplicate.
    if (running.closed) {
      if (dedupe !== undefined) release(delivery.id)
      delivery.outcome = 'shuttingDown'
      return delivery
    }
    const { name } = delivery
    const event = createEvent(
      // With dedupe on the id is hashed already: a data property, not an accessor (~0.5 µs of defineProperty).
      dedupe === undefined ? delivery : delivery.id,
      name,
      delivery.payload as DeliveryShape,
      delivery.signal,
      delivery.account,
    )
    delivery.event = event
    const names: readonly EmitterEventName[] =
      name === 'unknown' ? ['unknown', '*'] : [name, groupOf(name), '*']
    const settle = (errors: readonly unknown[], givenUp = false): WebhookError | undefined => {
      if (errors.length === 0) {
        if (dedupe !== undefined) lease.confirm(event.id) // with dedupe off, reading the id would hash it
        return undefined
      }
      release(event.id)
      const failure = handlerFailure(errors, event)
      // Given up, it has its `timeout` or `shutdown` letter: a second one would be replayed twice.
      if (!givenUp) lose?.('handlerFailed', event, { cause: failure.cause })
      return failure
    }
    // Asked before dispatch, which takes `once` listeners off.
    delivery.unhandled = name === 'unknown' && !emitter.has('unknown') && !emitter.has('*')
    if (delivery.unhandled && lose !== undefined) delivery.kept = lose('unhandled', event)
    const { trace } = delivery
    const errors = tracesHandlers(trace) // the handlers' trace, only when someone subscribes
      ? traceHandlers(emitter, names, event, trace)
      : dispatch(emitter, names, event as never)
    // Handlers that did not settle at once are tracked: `close()` drains them and `handlerDeadline` ends them.
    delivery.done = Array.isArray(errors)
      ? settle(errors)
      : running.track(event, errors as Promise<readonly unknown[]>, settle)
    delivery.outcome = 'dispatched'
    return delivery
  }

  /** Renews the claim's lease until the handlers settle, and gives them up at `handlerDeadline`. */
  const holdClaim = (delivery: Delivery): void => {
    const { done, event } = delivery
    if (!(done instanceof Promise) || event === undefined) return
    running.overdue(event)
    if (dedupe !== undefined) lease.keepAlive(event.id, done)
  }

  /** `handlerTimeout` passed: aborts `event.signal`; the claim is held until the handlers settle. */
  const stopWaiting = (delivery: Delivery): void => {
    if (delivery.event !== undefined) abortEvent(delivery.event)
    holdClaim(delivery)
  }

  const afterClaim = (claimed: boolean | WebhookError, delivery: Delivery): Delivery => {
    if (claimed instanceof WebhookError) {
      lose?.('storeUnavailable', lostOf(delivery), { cause: claimed })
      delivery.failure = claimed
      delivery.outcome = 'storeUnavailable'
      return delivery
    }
    if (!claimed) {
      const { id, account, name } = delivery
      const { webhook } = delivery.payload as DeliveryShape
      notify('duplicate', { id, account, name, webhook, receivedAt: new Date() })
      delivery.outcome = 'duplicate'
      return delivery
    }
    return deliver(delivery)
  }

  /**
   * Shape, schema, dedupe and dispatch of a parsed delivery (`delivery.payload`). Synchronous unless the store
   * answers with a promise. The id is read (and so hashed) only when dedupe or a lifecycle event needs it.
   */
  const processDelivery = (delivery: Delivery): Delivery | Promise<Delivery> => {
    const problem = checkShape(delivery.payload)
    if (problem !== undefined) {
      delivery.outcome = problem
      return delivery
    }
    let payload = delivery.payload as DeliveryShape
    const name = isWebhookName(payload.webhook) ? EventNameByWebhook[payload.webhook] : 'unknown'
    delivery.name = name

    if (name !== 'unknown' && validation !== 'off') {
      const checked = checkPayload(name, payload)
      const issues = checked?.issues
      if (issues !== undefined) {
        const { id, account } = delivery
        const receivedAt = new Date()
        notify('invalid', { id, account, name, webhook: payload.webhook, payload, issues, receivedAt })
        if (validation === 'strict') {
          lose?.('invalid', { id, account, name, payload, receivedAt }, { issues })
          delivery.issues = issues
          delivery.outcome = 'invalid'
          return delivery
        }
      }
      if (checked !== undefined) payload = checked.payload as DeliveryShape // PHP's [] read as null
      delivery.payload = payload
    }

    if (dedupe === undefined) return deliver(delivery)
    const claimed = claim(dedupe, delivery.id)
    return claimed instanceof Promise
      ? claimed.then((outcome) => afterClaim(outcome, delivery))
      : afterClaim(claimed, delivery)
  }
  return { processDelivery, stopWaiting, holdClaim, running }
}

/** What a dead letter needs of a delivery that never became an event. */
function lostOf(delivery: Delivery) {
  const { id, account, name } = delivery
  return { id, account, name, payload: delivery.payload as DeliveryShape, receivedAt: new Date() }
}

function handlerFailure(errors: readonly unknown[], event?: AnyWebhookEvent): WebhookError {
  const cause =
    errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} handlers failed.`)
  const where =
    event === undefined ? 'A lifecycle listener' : `A handler of ${event.name} (delivery ${event.id})`
  return new WebhookError(
    'handler_failed',
    `${where} failed.`,
    event === undefined ? { cause } : { cause, event },
  )
}
