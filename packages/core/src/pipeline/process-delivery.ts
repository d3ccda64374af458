import type { DeadLetter } from '../dead-letters/dead-letter.js'
import { deadLetterOf } from '../dead-letters/dead-letter-of.js'
import type { DeliveryContext } from '../diagnostics/diagnostics-contexts.js' // diagnostics
import { traceHandlers, tracesHandlers } from '../diagnostics/trace-handlers.js' // diagnostics
import { dispatch } from '../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName, EventMap, ValidationIssue } from '../emitter/event-map.js'
import { type EventName, EventNameByWebhook, groupOf, isWebhookName } from '../emitter/event-names.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../receiver-options.js'
import { createClaimLease } from '../store/claim-lease.js'
import { checkShape, type DeliveryShape } from './check-shape.js'
import { abortEvent, createEvent, type IdSource, type SignalSource } from './create-event.js'
import { deliveryId } from './delivery-id.js'
import { outcomes } from './outcomes.js'
import { createRunningDeliveries } from './running-deliveries.js'
import { settleWithin } from './settle-within.js'
import { checkPayload } from './validate-payload.js'

/** What became of a parsed delivery: its outcome's name in `outcomes`, or `dispatched` while handlers decide it. */
export type Processed =
  | { readonly kind: 'notAnObject' | 'missingWebhook' }
  | { readonly kind: 'invalid'; readonly webhook: string; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'duplicate' | 'shuttingDown' }
  | { readonly kind: 'storeUnavailable'; readonly error: WebhookError }
  | {
      readonly kind: 'dispatched'
      readonly event: AnyWebhookEvent
      /** Settles with the failure once every listener has; never rejects. The id is released on failure. */
      readonly done: WebhookError | undefined | Promise<WebhookError | undefined>
      /** Aborts `event.signal`, once `handlerTimeout` passed; the claim's lease is renewed until they settle. */
      readonly abort: () => void
      /** Renews the claim's lease until the handlers settle, without aborting: for `receive()`, which has no deadline. */
      readonly holdClaim: () => void
      /** A webhook outside the eight that no `unknown` or `*` listener took. */
      readonly unhandled: boolean
      /** `false` when the delivery needed a dead letter (`unhandled`) that could not be kept: answer 503. */
      readonly kept: boolean
    }

type Dedupe = NonNullable<ResolvedOptions['dedupe']>

/** The id itself, hashing a raw body only now. */
const idOf = (id: IdSource): string => (typeof id === 'string' ? id : deliveryId(id.raw))

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
  const { dedupe, validation } = options
  const running = createRunningDeliveries(options.handlerTimeout, options.handlerDeadline, keep)
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

  const deliver = (
    id: IdSource,
    name: EventName | 'unknown',
    payload: DeliveryShape,
    signal: SignalSource,
    trace: DeliveryContext | undefined,
    account: string | undefined,
  ): Processed => {
    // Closed: nothing more is dispatched, and the claim is let go so that a retry is not taken for a duplicate.
    if (running.closed) {
      if (dedupe !== undefined) release(idOf(id))
      return shuttingDown
    }
    const event = createEvent(id, name, payload, signal, account)
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
      if (!givenUp) keep?.(deadLetterOf(outcomes.handlerFailed.deadLetter, event, { cause: failure.cause }))
      return failure
    }
    // Asked before dispatch, which takes `once` listeners off.
    const unhandled = name === 'unknown' && !emitter.has('unknown') && !emitter.has('*')
    const kept =
      unhandled && keep !== undefined ? keep(deadLetterOf(outcomes.unhandled.deadLetter, event, {})) : true
    const errors = tracesHandlers(trace) // diagnostics: the handlers' trace, only when someone subscribes
      ? traceHandlers(emitter, names, event, trace)
      : dispatch(emitter, names, event as never)
    // Handlers that did not settle at once are tracked: `close()` drains them and `handlerDeadline` ends them.
    const done = Array.isArray(errors)
      ? settle(errors)
      : running.track(event, errors as Promise<readonly unknown[]>, settle)
    const holdClaim = () => {
      if (!(done instanceof Promise)) return
      running.overdue(event)
      if (dedupe !== undefined) lease.keepAlive(event.id, done)
    }
    const abort = () => {
      abortEvent(event)
      holdClaim()
    }
    return { kind: 'dispatched', event, done, abort, holdClaim, unhandled, kept }
  }

  const afterClaim = (
    claimed: boolean | WebhookError,
    id: string,
    name: EventName | 'unknown',
    payload: DeliveryShape,
    signal: SignalSource,
    trace: DeliveryContext | undefined,
    account: string | undefined,
  ): Processed => {
    if (claimed instanceof WebhookError) {
      keep?.(
        deadLetterOf(
          outcomes.storeUnavailable.deadLetter,
          { id, account, name, payload, receivedAt: new Date() },
          { cause: claimed },
        ),
      )
      return { kind: 'storeUnavailable', error: claimed }
    }
    if (!claimed) {
      notify('duplicate', { id, account, name, webhook: payload.webhook, receivedAt: new Date() })
      return { kind: 'duplicate' }
    }
    return deliver(id, name, payload, signal, trace, account)
  }

  /**
   * Synchronous unless the store answers with a promise. `id` may be the raw body: it is hashed only when
   * dedupe or a lifecycle event needs it, or a handler reads `event.id`.
   */
  const processDelivery = (
    value: unknown,
    id: IdSource,
    signal?: SignalSource,
    trace?: DeliveryContext, // diagnostics: the delivery's trace context, when it is traced
    account?: string,
  ): Processed | Promise<Processed> => {
    const problem = checkShape(value)
    if (problem !== undefined) return { kind: problem }
    let payload = value as DeliveryShape
    const name = isWebhookName(payload.webhook) ? EventNameByWebhook[payload.webhook] : 'unknown'

    if (name !== 'unknown' && validation !== 'off') {
      const checked = checkPayload(name, payload)
      const issues = checked?.issues
      if (issues !== undefined) {
        id = idOf(id)
        const receivedAt = new Date()
        notify('invalid', { id, account, name, webhook: payload.webhook, payload, issues, receivedAt })
        if (validation === 'strict') {
          keep?.(
            deadLetterOf(outcomes.invalid.deadLetter, { id, account, name, payload, receivedAt }, { issues }),
          )
          return { kind: 'invalid', webhook: payload.webhook, issues }
        }
      }
      if (checked !== undefined) payload = checked.payload as DeliveryShape // PHP's [] read as null
    }

    if (dedupe === undefined) return deliver(id, name, payload, signal, trace, account)
    const key = idOf(id)
    const claimed = claim(dedupe, key)
    return claimed instanceof Promise
      ? claimed.then((outcome) => afterClaim(outcome, key, name, payload, signal, trace, account))
      : afterClaim(claimed, key, name, payload, signal, trace, account)
  }
  return { processDelivery, running }
}

const shuttingDown: Processed = { kind: 'shuttingDown' }

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
