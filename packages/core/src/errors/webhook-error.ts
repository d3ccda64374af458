import type { AnyWebhookEvent, ValidationIssue } from '../emitter/webhook-event.js'
import { messageFrom } from './message-from.js'

const prefixed = messageFrom('core')

/** Why a `WebhookError` was raised. */
export type WebhookErrorCode =
  /** A listener threw or rejected. `cause` is its error; with several failures, an `AggregateError`. */
  | 'handler_failed'
  /** The dedupe store threw, rejected or did not answer in time. */
  | 'store_failed'
  /** A queue worker lost its Redis connection (`@blinger-webhooks/bullmq`); it reconnects by itself. */
  | 'queue_connection_lost'
  /** Dead letters could not be written to the `deadLetters` file or stream. `cause` says why. */
  | 'dead_letter_failed'
  /** A body parser consumed the request stream but left no body the receiver can use. */
  | 'body_unavailable'
  /** `receive()` was given a payload that does not match its schema (strict validation). */
  | 'invalid_payload'
  /** The receiver was created without a token (none set at run time): every request is refused with 500. */
  | 'token_missing'
  /** `receive()` was given something that is not a Blinger delivery: not an object, or no string `webhook`. */
  | 'bad_request'
  /** Handlers did not settle within `handlerDeadline`: their signal was aborted and they were given up. */
  | 'handler_timeout'
  /** The receiver was closing: `close()` reached its deadline before the handlers settled, or it was closed. */
  | 'shutdown'
  /** `receive()` under `order`: too many deliveries wait for their turn (`orderLimits`); nothing ran. */
  | 'order_full'

/** The one error class the receiver raises: emitted on `error`, and the rejection reason of `receive()`. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError'
  /** Why it was raised. */
  readonly code: WebhookErrorCode
  /** The delivery being handled, when there was one. */
  declare readonly event: AnyWebhookEvent | undefined
  /** The failing schema paths, for `invalid_payload`. */
  readonly issues: readonly ValidationIssue[]
  /** For `shutdown` and `handler_timeout`: whether the delivery was kept as a dead letter. */
  readonly kept: boolean | undefined

  constructor(
    code: WebhookErrorCode,
    message: string,
    details: {
      cause?: unknown
      event?: AnyWebhookEvent
      issues?: readonly ValidationIssue[]
      kept?: boolean
    } = {},
  ) {
    super(prefixed(message), details.cause === undefined ? {} : { cause: details.cause })
    this.code = code
    // Not enumerable: `console.error(error)` and loggers that walk own keys would print the customer's payload.
    Object.defineProperty(this, 'event', { value: details.event, enumerable: false })
    this.issues = details.issues ?? []
    this.kept = details.kept
  }
}
