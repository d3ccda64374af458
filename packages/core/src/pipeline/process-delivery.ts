import { dispatch } from '../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName, EventMap, ValidationIssue } from '../emitter/event-map.js'
import { type EventName, EventNameByWebhook, groupOf, isWebhookName } from '../emitter/event-names.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../resolve-options.js'
import { checkShape, type DeliveryShape } from './check-shape.js'
import { createEvent, type IdSource, type SignalSource } from './create-event.js'
import { deliveryId } from './delivery-id.js'
import { settleWithin } from './settle-within.js'
import { validatePayload } from './validate-payload.js'

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
    }

type Dedupe = NonNullable<ResolvedOptions['dedupe']>

/** The id itself, hashing a raw body only now. */
const idOf = (id: IdSource): string => (typeof id === 'string' ? id : deliveryId(id.raw))

/** Shape, schema, dedupe and dispatch, in that order: the steps `handle()` and `receive()` share. */
export function createProcessDelivery(
  options: ResolvedOptions,
  emitter: TypedEmitter,
  report: (error: WebhookError) => void,
) {
  const { dedupe, validation } = options

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

  const release = (event: AnyWebhookEvent) => {
    if (dedupe === undefined) return
    const { id } = event
    // A store that fails to release only means a retry is dropped as a duplicate until the TTL ends.
    Promise.resolve()
      .then(() => dedupe.store.release(id))
      .catch((cause: unknown) =>
        report(new WebhookError('store_failed', 'The dedupe store failed to release an id.', { cause })),
      )
  }

  /** Whether `id` is new; synchronous when the store answers synchronously, as the memory store does. */
  const claim = (
    { store, ttl, timeout }: Dedupe,
    id: string,
  ): boolean | WebhookError | Promise<boolean | WebhookError> => {
    let claimed: boolean | Promise<boolean>
    try {
      claimed = store.claim(id, ttl)
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
  ): Processed => {
    const event = createEvent(id, name, payload, signal)
    const names: readonly EmitterEventName[] =
      name === 'unknown' ? ['unknown', '*'] : [name, groupOf(name), '*']
    const settle = (errors: readonly unknown[]): WebhookError | undefined => {
      if (errors.length === 0) return undefined
      release(event)
      return handlerFailure(errors, event)
    }
    const errors = dispatch(emitter, names, event as never)
    const done = Array.isArray(errors) ? settle(errors) : (errors as Promise<readonly unknown[]>).then(settle)
    return { kind: 'dispatched', event, done }
  }

  const afterClaim = (
    claimed: boolean | WebhookError,
    id: string,
    name: EventName | 'unknown',
    payload: DeliveryShape,
    signal: SignalSource,
  ): Processed => {
    if (claimed instanceof WebhookError) return { kind: 'store-failed', error: claimed }
    if (!claimed) {
      notify('duplicate', { id, name, webhook: payload.webhook, receivedAt: new Date() })
      return { kind: 'duplicate' }
    }
    return deliver(id, name, payload, signal)
  }

  /**
   * Synchronous unless the store answers with a promise. `id` may be the raw body: it is hashed only when
   * dedupe or a lifecycle event needs it, or a handler reads `event.id`.
   */
  return function processDelivery(
    value: unknown,
    id: IdSource,
    signal?: SignalSource,
  ): Processed | Promise<Processed> {
    const problem = checkShape(value)
    if (problem !== undefined) return { kind: problem }
    const payload = value as DeliveryShape
    const name = isWebhookName(payload.webhook) ? EventNameByWebhook[payload.webhook] : 'unknown'

    if (name !== 'unknown' && validation !== 'off') {
      const issues = validatePayload(name, payload)
      if (issues !== undefined) {
        id = idOf(id)
        notify('invalid', {
          id,
          name,
          webhook: payload.webhook,
          payload,
          issues,
          receivedAt: new Date(),
        })
        if (validation === 'strict') return { kind: 'invalid', webhook: payload.webhook, issues }
      }
    }

    if (dedupe === undefined) return deliver(id, name, payload, signal)
    const key = idOf(id)
    const claimed = claim(dedupe, key)
    return claimed instanceof Promise
      ? claimed.then((outcome) => afterClaim(outcome, key, name, payload, signal))
      : afterClaim(claimed, key, name, payload, signal)
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
