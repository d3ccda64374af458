import type { AnyWebhookEvent, ValidationIssue } from '../emitter/event-map.js'
import { messageFrom } from './message-from.js'

const prefixed = messageFrom('core')

/** Why a `WebhookError` was raised. */
export type WebhookErrorCode =
  /** A listener threw or rejected. `cause` is its error; with several failures, an `AggregateError`. */
  | 'handler_failed'
  /** The dedupe store threw, rejected or did not answer in time. */
  | 'store_failed'
  /** Dead letters could not be written to the `deadLetters` file or stream. `cause` says why. */
  | 'dead_letter_failed'
  /** A body parser consumed the request stream but left no body the receiver can use. */
  | 'body_unavailable'
  /** `receive()` was given a payload that does not match its schema (strict validation). */
  | 'invalid_payload'
  /** `receive()` was given something that is not a Blinger delivery: not an object, or no string `webhook`. */
  | 'bad_request'

/** The one error class the receiver raises: emitted on `error`, and the rejection reason of `receive()`. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError'
  /** Why it was raised. */
  readonly code: WebhookErrorCode
  /** The delivery being handled, when there was one. */
  readonly event: AnyWebhookEvent | undefined
  /** The failing schema paths, for `invalid_payload`. */
  readonly issues: readonly ValidationIssue[]

  constructor(
    code: WebhookErrorCode,
    message: string,
    details: { cause?: unknown; event?: AnyWebhookEvent; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(prefixed(message), details.cause === undefined ? {} : { cause: details.cause })
    this.code = code
    this.event = details.event
    this.issues = details.issues ?? []
  }
}
