import { byteLength } from '#platform'
import type { ValidationIssue } from '../emitter/event-map.js'
import type { HandleResponse } from './handle-types.js'
import { type OutcomeName, type OutcomeRow, outcomes } from './outcomes.js'

// The only place response bodies are written, each from its row of `outcomes`. Bodies are fixed texts, so no
// error message, stack trace or token can ever reach a response.

const jsonHeaders = Object.freeze({ 'content-type': 'application/json; charset=utf-8' })

// With a Content-Length, node:http sends the body as is instead of framing it in chunks.
function withLength(body: string, headers: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...jsonHeaders, 'content-length': String(byteLength(body)), ...headers }
}

function fixed(status: number, body: object, headers?: Readonly<Record<string, string>>): HandleResponse {
  const text = JSON.stringify(body)
  return Object.freeze({ status, headers: Object.freeze(withLength(text, headers)), body: text })
}

function answerOf(name: OutcomeName, row: OutcomeRow): HandleResponse {
  if (row.error === undefined)
    // Blinger reads only the status; the flag is for a person testing a handler that did not run.
    return fixed(row.status, name === 'duplicate' ? { ok: true, duplicate: true } : { ok: true }, row.headers)
  return fixed(row.status, { error: row.error, message: row.message }, row.headers)
}

/** The outcomes whose answers carry figures (413 and 422): written per request by their own functions. */
type WithFigures = 'payloadTooLarge' | 'invalid'

/** Every answer the pipeline can give but 413 and 422, made once from `outcomes`. */
export const responses = Object.fromEntries(
  Object.entries(outcomes).map(([name, row]) => [name, answerOf(name as OutcomeName, row)]),
) as { readonly [N in Exclude<OutcomeName, WithFigures>]: HandleResponse }

/**
 * 404, for an adapter that owns the whole server (node:http, fetch) and was given a `path` the request does
 * not match: a plain server has no `next()` to pass it to, and must not leave the request unanswered.
 */
export const notFoundResponse: HandleResponse = responses.notFound

/** 413: the body is over `limit` bytes. The connection closes, so the unread rest is never buffered. */
export function payloadTooLarge(limit: number): HandleResponse {
  const { status, error, headers } = outcomes.payloadTooLarge
  return fixed(status, { error, message: `The body is larger than ${limit} bytes.` }, headers)
}

/** 422: the payload does not match the schema of its webhook. Lists the failing paths. */
export function invalidPayload(webhook: string, issues: readonly ValidationIssue[]): HandleResponse {
  const { status, error } = outcomes.invalid
  const body = JSON.stringify({ error, message: `The payload does not match the ${webhook} schema.`, issues })
  return { status, headers: withLength(body), body }
}
