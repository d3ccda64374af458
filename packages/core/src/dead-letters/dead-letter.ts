import type { ValidationIssue } from '../emitter/event-map.js'
import type { RecordedDelivery } from '../ndjson/recorded-delivery.js'

/** Why an authenticated delivery became a dead letter. */
export type DeadLetterReason =
  /** It did not match its schema in `strict` mode: answered 422. */
  | 'invalid'
  /** Its webhook is not in `EventNameByWebhook`, and no `unknown` or `*` listener took it: answered 200. */
  | 'unhandled'
  /** A handler threw or rejected (in either ack mode, also after `handlerTimeout`). */
  | 'failed'
  /** The dedupe store could not answer: answered 503. */
  | 'unavailable'
  /** The receiver was closed before its handlers finished, or before they ran: their `event.signal` was aborted. */
  | 'shutdown'
  /** A handler never settled within `handlerDeadline`: its `event.signal` was aborted and it was given up. */
  | 'timeout'
  /** Too many deliveries waited for their turn under `order` (`orderLimits`): answered 503, never run. */
  | 'overflow'

/**
 * One line of the dead-letter file: the recorder's line plus why the delivery was lost, so
 * `blinger-webhooks replay` sends it again. Never the token.
 */
export interface DeadLetter extends Omit<RecordedDelivery, 'payload'> {
  /** The payload as parsed (as received, for `invalid`). */
  readonly payload: { readonly webhook: string; readonly [key: string]: unknown }
  readonly reason: DeadLetterReason
  /** For `invalid`: the failing paths, at most ten. */
  readonly issues?: readonly ValidationIssue[]
  /** For `failed` and `unavailable` (and the others when a cause is known): the error's code (its `code`, else its class name) and message. */
  readonly error?: { readonly code: string; readonly message: string }
}

/** The `error` of a dead letter: the cause's own `code` when it has one (`ECONNREFUSED`), else its class name. */
export function errorSummary(cause: unknown): { code: string; message: string } {
  if (cause instanceof AggregateError) {
    const first = errorSummary(cause.errors[0])
    return { code: first.code, message: cause.errors.map((each) => errorSummary(each).message).join('; ') }
  }
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return { code: typeof code === 'string' ? code : cause.name, message: cause.message }
  }
  return { code: typeof cause, message: String(cause) }
}
