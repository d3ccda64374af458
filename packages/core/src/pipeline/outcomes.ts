import type { DeadLetterReason } from '../dead-letters/dead-letter.js'
import type { DeliveryOutcome } from '../diagnostics/diagnostics-contexts.js'
import type { WebhookErrorCode } from '../errors/webhook-error.js'

/** The `error` field of every error response the pipeline writes: the vocabulary Blinger (or a client) sees. */
export type ResponseErrorCode =
  | 'invalid_json'
  | 'not_an_object'
  | 'missing_webhook'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unsupported_content_encoding'
  | 'invalid_payload'
  | 'handler_failed'
  | 'body_unavailable'
  | 'store_unavailable'
  | 'shutting_down'
  | 'not_kept'
  | 'token_missing'
  | 'order_full'

/** One way a request can end, in each vocabulary that names it. */
export interface OutcomeRow {
  /** The HTTP status `handle()` answers (for the outcomes known only after the answer: the one it gave). */
  readonly status: number
  /** The response's `error` field and its fixed message; none for a 200. */
  readonly error?: ResponseErrorCode
  readonly message?: string
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>
  /** The `WebhookError` raised: reported on `error` by `handle()`, the rejection of `receive()`. */
  readonly raises?: WebhookErrorCode
  /** Why the delivery becomes a dead letter (over HTTP only: `receive()` rejects instead). */
  readonly deadLetter?: DeadLetterReason
  /** The lifecycle event emitted: `invalid`, `duplicate`, or `error` for what is reported. */
  readonly event?: 'invalid' | 'duplicate' | 'error'
  /**
   * The outcome on the `blinger-webhooks:delivery` trace; OpenTelemetry's `blinger.outcome` attribute and the
   * `outcome` of its deliveries counter carry the same name.
   */
  readonly diagnostics: DeliveryOutcome
}

// Refusals made before the body is read close the connection: otherwise Node reads and discards the rest of
// the body at the client's pace, and an unauthenticated client could keep the socket open by trickling.
const close = { connection: 'close' } as const

/**
 * Every outcome of a request, the one table each vocabulary is read from: `respond.ts` writes the answers from
 * it, `handle()` and `receive()` raise its errors, the diagnostics trace names its outcomes.
 */
export const outcomes = {
  /** Every handler ran and succeeded before the answer. */
  ok: { status: 200, diagnostics: 'handled' },
  /** Seen within the dedupe TTL: no handler ran. */
  duplicate: { status: 200, event: 'duplicate', diagnostics: 'duplicate' },
  /** A webhook outside the eight that no `unknown` or `*` listener took: kept as a dead letter, answered 200. */
  unhandled: { status: 200, deadLetter: 'unhandled', diagnostics: 'unhandled' },
  /** Answered before the handlers finished (`ack: 'immediately'`, or `handlerTimeout` passed). */
  accepted: { status: 200, diagnostics: 'accepted' },
  /** Handlers given up at `handlerDeadline`, after their 200: aborted and kept as a dead letter. */
  handlerTimeout: {
    status: 200,
    raises: 'handler_timeout',
    deadLetter: 'timeout',
    event: 'error',
    diagnostics: 'accepted',
  },
  methodNotAllowed: {
    status: 405,
    error: 'method_not_allowed',
    message: 'Use POST.',
    headers: { allow: 'POST', ...close },
    diagnostics: 'refused',
  },
  unauthorized: {
    status: 401,
    error: 'unauthorized',
    message: 'The token is missing or wrong.',
    headers: close,
    diagnostics: 'refused',
  },
  // No token to check against (unset at run time): a server error, not the sender's, and nothing is accepted.
  tokenMissing: {
    status: 500,
    error: 'token_missing',
    message: 'The receiver has no token configured. Its logs say how to set one.',
    raises: 'token_missing',
    event: 'error',
    diagnostics: 'refused',
  },
  unsupportedMediaType: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Send the body as application/json.',
    headers: close,
    diagnostics: 'refused',
  },
  // A compressed body is refused, never inflated: see SECURITY.md.
  unsupportedEncoding: {
    status: 415,
    error: 'unsupported_content_encoding',
    message: 'Send the body uncompressed (Content-Encoding: identity).',
    headers: { 'accept-encoding': 'identity', ...close },
    diagnostics: 'refused',
  },
  /** The body is over `limit` bytes; the message names the limit. */
  payloadTooLarge: { status: 413, error: 'payload_too_large', headers: close, diagnostics: 'refused' },
  // The rest of a slow body is never read: closing the connection is the only way to stop it.
  requestTimeout: {
    status: 408,
    error: 'request_timeout',
    message: 'The body did not arrive in time.',
    headers: close,
    diagnostics: 'refused',
  },
  bodyUnavailable: {
    status: 500,
    error: 'body_unavailable',
    message: 'The request body was consumed before the receiver got it.',
    raises: 'body_unavailable',
    event: 'error',
    diagnostics: 'refused',
  },
  invalidJson: {
    status: 400,
    error: 'invalid_json',
    message: 'The body is not valid UTF-8 JSON.',
    diagnostics: 'refused',
  },
  notAnObject: {
    status: 400,
    error: 'not_an_object',
    message: 'The body must be a JSON object.',
    raises: 'bad_request',
    diagnostics: 'refused',
  },
  missingWebhook: {
    status: 400,
    error: 'missing_webhook',
    message: 'The body has no string "webhook" field.',
    raises: 'bad_request',
    diagnostics: 'refused',
  },
  /** Failed its schema in strict mode; the response lists the failing paths. */
  invalid: {
    status: 422,
    error: 'invalid_payload',
    raises: 'invalid_payload',
    deadLetter: 'invalid',
    event: 'invalid',
    diagnostics: 'invalid',
  },
  storeUnavailable: {
    status: 503,
    error: 'store_unavailable',
    message: 'The dedupe store did not answer. Retry later.',
    raises: 'store_failed',
    deadLetter: 'unavailable',
    event: 'error',
    diagnostics: 'failed',
  },
  handlerFailed: {
    status: 500,
    error: 'handler_failed',
    message: 'A handler failed. The receiver reported it on its error event.',
    raises: 'handler_failed',
    deadLetter: 'failed',
    event: 'error',
    diagnostics: 'failed',
  },
  // Nothing was accepted, so a sender that retries loses nothing; one that does not at least logs a failure.
  shuttingDown: {
    status: 503,
    error: 'shutting_down',
    message: 'The receiver is shutting down. Retry later.',
    headers: { 'retry-after': '5' },
    raises: 'shutdown',
    deadLetter: 'shutdown',
    diagnostics: 'refused',
  },
  // Over a cap of `orderLimits`: never run, but kept, so nothing authenticated is dropped without a trace.
  orderFull: {
    status: 503,
    error: 'order_full',
    message: 'Too many deliveries are waiting for their turn. Retry later.',
    headers: { 'retry-after': '5' },
    raises: 'order_full',
    deadLetter: 'overflow',
    diagnostics: 'refused',
  },
  // A delivery that needed a dead letter the disk would not take: 200 would lose it without a trace.
  notKept: {
    status: 503,
    error: 'not_kept',
    message: 'The delivery could not be kept. Retry later.',
    diagnostics: 'unhandled',
  },
  notFound: {
    status: 404,
    error: 'not_found',
    message: 'No webhook receiver at this path.',
    diagnostics: 'refused',
  },
} as const satisfies Record<string, OutcomeRow>

/** The name of one outcome: a key of `outcomes`. */
export type OutcomeName = keyof typeof outcomes

/**
 * The outcome whose answer `handle()` gives for each error it raises, `undefined` for an error that is no answer
 * to a request (it happens after the answer, or away from HTTP). Typed against `WebhookErrorCode`, so a new code
 * does not compile until it is given its outcome here.
 */
const outcomeByErrorCode: { readonly [C in WebhookErrorCode]: OutcomeName | undefined } = {
  handler_failed: 'handlerFailed',
  store_failed: 'storeUnavailable',
  body_unavailable: 'bodyUnavailable',
  invalid_payload: 'invalid',
  // `receive()` only: over HTTP the same payload gets `not_an_object` or `missing_webhook`.
  bad_request: 'notAnObject',
  shutdown: 'shuttingDown',
  token_missing: 'tokenMissing',
  order_full: 'orderFull',
  dead_letter_failed: undefined,
  handler_timeout: undefined,
  queue_connection_lost: undefined,
}

/** What `handle()` answers for each error code: its status and the response's `error` field, read from `outcomes`. */
export const responseByErrorCode = Object.fromEntries(
  Object.entries(outcomeByErrorCode).map(([code, name]) => {
    const row: OutcomeRow | undefined = name === undefined ? undefined : outcomes[name]
    return [code, row === undefined ? undefined : Object.freeze({ status: row.status, error: row.error })]
  }),
) as {
  readonly [C in WebhookErrorCode]: { readonly status: number; readonly error: ResponseErrorCode } | undefined
}
