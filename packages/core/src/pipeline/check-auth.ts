import { byteLength, timingSafeEqual } from '#platform'
import type { HandleRequest } from './handle-types.js'

const bearer = /^bearer\s+(.+)$/i
// What URLSearchParams would change in a query: `+`, `%XX` and UTF-16 surrogates (repaired to U+FFFD).
const needsDecoding = /[%+\uD800-\uDFFF]/
const encoder = new TextEncoder()

/**
 * Builds the token check for a set of accepted tokens (more than one while rotating).
 * A token may come as `?token=`, `Authorization: Bearer …` or `X-Blinger-Token`; any that matches lets the
 * request in. Each guess is copied into a zeroed buffer of each accepted token's length and compared with
 * `timingSafeEqual`, and the lengths are compared apart: the time taken depends on the guess's length and
 * the accepted tokens, never on how much of a guess matches, and a guess of another length costs the same
 * as one of the right length.
 */
export function createAuthCheck(tokens: readonly string[]): (request: HandleRequest) => boolean {
  // One reusable probe per token: the check is synchronous, so no two requests share one at a time.
  // (A sha256 of each guess did the same job, but one `crypto.hash` call costs about as much as the
  // delivery's own hash: the most expensive step after JSON.parse.)
  const expected = tokens.map((token) => {
    const bytes = encoder.encode(token)
    return { bytes, probe: new Uint8Array(bytes.length) }
  })
  const matches = (candidate: string): boolean => {
    const length = byteLength(candidate)
    let ok = false
    // No early exit: every accepted token is compared, whichever matches.
    for (const { bytes, probe } of expected) {
      probe.fill(0)
      encoder.encodeInto(candidate, probe) // truncated to the token's length; the length check below catches the rest
      ok = (timingSafeEqual(probe, bytes) && length === bytes.length) || ok
    }
    return ok
  }
  return (request) => {
    for (const candidate of presentedTokens(request)) if (matches(candidate)) return true
    return false
  }
}

/** Every token the request presents, from headers first, then the query. */
export function presentedTokens(request: HandleRequest): string[] {
  const found: string[] = []
  const authorization = first(request.headers.authorization)
  const match = authorization === undefined ? null : bearer.exec(authorization)
  if (match?.[1] !== undefined) found.push(match[1].trim())
  const header = first(request.headers['x-blinger-token'])
  if (header !== undefined) found.push(header)
  const query = request.url.indexOf('?')
  if (query !== -1) queryTokens(request.url.slice(query + 1), found)
  return found
}

/**
 * Adds the query's `token` values to `found`, exactly as `new URLSearchParams(query).getAll('token')`.
 * A query with nothing to decode (the usual `?token=…`) is split by hand: URLSearchParams costs more
 * than the rest of the auth check.
 */
function queryTokens(query: string, found: string[]): void {
  if (needsDecoding.test(query)) {
    for (const token of new URLSearchParams(query).getAll('token')) found.push(token)
    return
  }
  // Like URLSearchParams: one leading `?` is dropped, pairs split on `&`, a name ends at the first `=`.
  let start = query.charCodeAt(0) === 0x3f ? 1 : 0
  while (start < query.length) {
    let end = query.indexOf('&', start)
    if (end === -1) end = query.length
    if (query.startsWith('token', start) && (end === start + 5 || query.charCodeAt(start + 5) === 0x3d))
      found.push(query.slice(Math.min(start + 6, end), end))
    start = end + 1
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
