import { byteLength } from '#platform'
import type { ValidationIssue } from '../emitter/event-map.js'
import type { HandleResponse } from './handle-types.js'

// The only place status codes and response bodies are written. Bodies are fixed texts, so no error
// message, stack trace or token can ever reach a response.

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

const jsonHeaders = Object.freeze({ 'content-type': 'application/json; charset=utf-8' })

// With a Content-Length, node:http sends the body as is instead of framing it in chunks.
function withLength(body: string, headers: Record<string, string> = {}): Record<string, string> {
  return { ...jsonHeaders, 'content-length': String(byteLength(body)), ...headers }
}

function fixed(status: number, body: object, headers?: Record<string, string>): HandleResponse {
  const text = JSON.stringify(body)
  return Object.freeze({ status, headers: Object.freeze(withLength(text, headers)), body: text })
}

function failure(
  status: number,
  error: ResponseErrorCode,
  message: string,
  headers?: Record<string, string>,
) {
  return fixed(status, { error, message }, headers)
}

// Refusals made before the body is read close the connection: otherwise Node reads and discards the rest of
// the body at the client's pace, and an unauthenticated client could keep the socket open by trickling.
const close = { connection: 'close' }

/** Every response the pipeline can give but 413 and 422, whose texts carry figures. */
export const responses = {
  ok: fixed(200, { ok: true }),
  // Blinger reads only the status; the flag is for a person testing a handler that did not run.
  duplicate: fixed(200, { ok: true, duplicate: true }),
  methodNotAllowed: failure(405, 'method_not_allowed', 'Use POST.', { allow: 'POST', ...close }),
  unauthorized: failure(401, 'unauthorized', 'The token is missing or wrong.', close),
  unsupportedMediaType: failure(415, 'unsupported_media_type', 'Send the body as application/json.', close),
  // A compressed body is refused, never inflated: see SECURITY.md.
  unsupportedEncoding: failure(
    415,
    'unsupported_content_encoding',
    'Send the body uncompressed (Content-Encoding: identity).',
    { 'accept-encoding': 'identity', ...close },
  ),
  // The rest of a slow body is never read: closing the connection is the only way to stop it.
  requestTimeout: failure(408, 'request_timeout', 'The body did not arrive in time.', close),
  invalidJson: failure(400, 'invalid_json', 'The body is not valid UTF-8 JSON.'),
  notAnObject: failure(400, 'not_an_object', 'The body must be a JSON object.'),
  missingWebhook: failure(400, 'missing_webhook', 'The body has no string "webhook" field.'),
  handlerFailed: failure(
    500,
    'handler_failed',
    'A handler failed. The receiver reported it on its error event.',
  ),
  bodyUnavailable: failure(
    500,
    'body_unavailable',
    'The request body was consumed before the receiver got it.',
  ),
  // No token to check against (unset at run time): a server error, not the sender's, and nothing is accepted.
  tokenMissing: failure(
    500,
    'token_missing',
    'The receiver has no token configured. Its logs say how to set one.',
  ),
  storeUnavailable: failure(503, 'store_unavailable', 'The dedupe store did not answer. Retry later.'),
  // Nothing was accepted, so a sender that retries loses nothing; one that does not at least logs a failure.
  shuttingDown: failure(503, 'shutting_down', 'The receiver is shutting down. Retry later.', {
    'retry-after': '5',
  }),
  // A delivery that needed a dead letter the disk would not take: 200 would lose it without a trace.
  notKept: failure(503, 'not_kept', 'The delivery could not be kept. Retry later.'),
  notFound: failure(404, 'not_found', 'No webhook receiver at this path.'),
} as const

/**
 * 404, for an adapter that owns the whole server (node:http, fetch) and was given a `path` the request does
 * not match: a plain server has no `next()` to pass it to, and must not leave the request unanswered.
 */
export const notFoundResponse: HandleResponse = responses.notFound

/** 413: the body is over `limit` bytes. The connection closes, so the unread rest is never buffered. */
export function payloadTooLarge(limit: number): HandleResponse {
  return failure(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, close)
}

/** 422: the payload does not match the schema of its webhook. Lists the failing paths. */
export function invalidPayload(webhook: string, issues: readonly ValidationIssue[]): HandleResponse {
  const body = JSON.stringify({
    error: 'invalid_payload',
    message: `The payload does not match the ${webhook} schema.`,
    issues,
  })
  return { status: 422, headers: withLength(body), body }
}
