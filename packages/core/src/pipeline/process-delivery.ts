import type { DeadLetter } from '../dead-letters/dead-letter.js'
import { deadLetterOf } from '../dead-letters/dead-letter-of.js'
import { dispatch } from '../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName, EventMap, ValidationIssue } from '../emitter/event-map.js'
import { EventNameByWebhook, groupOf, isWebhookName } from '../emitter/event-names.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../resolve-options.js'
import { createClaimLease } from '../store/claim-lease.js'
import { checkShape, type DeliveryShape } from './check-shape.js'
import { createEvent, type SignalSource } from './create-event.js'
import { settleWithin } from './settle-within.js'
import { checkPayload } from './validate-payload.js'

/** What became of a parsed delivery. */
export type Processed =
  | { readonly kind: 'not-an-object' | 'missing-webhook' }
  | { readonly kind: 'invalid'; readonly webhook: string; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'store-failed'; readonly error: WebhookError }
  | {
      readonly kind: 'dispatched'
      readonly event: AnyWebhookEvent
      /** Settles with the failure once every listener has; never rejects. The id is released on failure. */
      readonly done: WebhookError | undefined | Promise<WebhookError | undefined>
      /** Aborts `event.signal`, once `handlerTimeout` passed; the claim's lease is renewed until they settle. */
      readonly abort: () => void
      /** Renews the claim's lease until the handlers settle, without aborting: for `receive()`, which has no deadline. */
      readonly holdClaim: () => void
    }

/**
 * Shape, schema, dedupe and dispatch, in that order: the steps `handle()` and `receive()` share. `keep` gets
 * each dead letter (`handle()` only: `receive()` rejects instead), before the answer when it is known by then.
 */
export function createProcessDelivery(
  options: ResolvedOptions,
  emitter: TypedEmitter,
  report: (error: WebhookError) => void,
  keep?: (letter: DeadLetter) => void,
) {
  const { dedupe, validation } = options
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

  const claim = async (id: string): Promise<boolean | WebhookError> => {
    if (dedupe === undefined) return true
    let claimed: boolean | Promise<boolean>
    try {
      claimed = dedupe.store.claim(id, dedupe.lease)
    } catch (cause) {
      return new WebhookError('store_failed', 'The dedupe store threw on claim.', { cause })
    }
    if (typeof claimed === 'boolean') return claimed
    const outcome = await settleWithin(claimed, dedupe.timeout)
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
      : new WebhookError('store_failed', `The dedupe store did not answer within ${dedupe.timeout} ms.`)
  }

  return async function processDelivery(
    value: unknown,
    id: string,
    signal?: SignalSource,
    account?: string,
  ): Promise<Processed> {
    const problem = checkShape(value)
    if (problem !== undefined) return { kind: problem }
    let payload = value as DeliveryShape
    const name = isWebhookName(payload.webhook) ? EventNameByWebhook[payload.webhook] : 'unknown'

    if (name !== 'unknown' && validation !== 'off') {
      const checked = checkPayload(name, payload)
      const issues = checked?.issues
      if (issues !== undefined) {
        const receivedAt = new Date()
        notify('invalid', { id, account, name, webhook: payload.webhook, payload, issues, receivedAt })
        if (validation === 'strict') {
          keep?.(deadLetterOf('invalid', { id, account, name, payload, receivedAt }, { issues }))
          return { kind: 'invalid', webhook: payload.webhook, issues }
        }
      }
      if (checked !== undefined) payload = checked.payload as DeliveryShape // PHP's [] read as null
    }

    const claimed = await claim(id)
    if (claimed instanceof WebhookError) {
      keep?.(
        deadLetterOf(
          'unavailable',
          { id, account, name, payload, receivedAt: new Date() },
          { cause: claimed },
        ),
      )
      return { kind: 'store-failed', error: claimed }
    }
    if (!claimed) {
      notify('duplicate', { id, account, name, webhook: payload.webhook, receivedAt: new Date() })
      return { kind: 'duplicate' }
    }

    const { event, abort } = createEvent(id, name, payload, signal, account)
    const names: readonly EmitterEventName[] =
      name === 'unknown' ? ['unknown', '*'] : [name, groupOf(name), '*']
    const settle = (errors: readonly unknown[]): WebhookError | undefined => {
      if (errors.length === 0) {
        lease.confirm(id)
        return undefined
      }
      release(id)
      const failure = handlerFailure(errors, event)
      keep?.(deadLetterOf('failed', event, { cause: failure.cause }))
      return failure
    }
    if (keep !== undefined && name === 'unknown' && !emitter.has('unknown') && !emitter.has('*'))
      keep(deadLetterOf('unhandled', event, {}))
    const errors = dispatch(emitter, names, event as never)
    const done = Array.isArray(errors) ? settle(errors) : (errors as Promise<readonly unknown[]>).then(settle)
    const holdClaim = () => {
      if (done instanceof Promise) lease.keepAlive(id, done)
    }
    const stop = () => {
      abort()
      holdClaim()
    }
    return { kind: 'dispatched', event, done, abort: stop, holdClaim }
  }
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
