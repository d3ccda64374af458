import { hash, timingSafeEqual } from 'node:crypto'
import type { HandleRequest } from './handle-types.js'

const bearer = /^bearer\s+(.+)$/i

/**
 * Builds the token check for a set of accepted tokens (more than one while rotating).
 * A token may come as `?token=`, `Authorization: Bearer …` or `X-Blinger-Token`; any that matches lets the
 * request in. Both sides are compared as sha256 digests with `timingSafeEqual`, so the time taken does not
 * depend on how much of a guess matches, nor on the token's length.
 */
export function createAuthCheck(tokens: readonly string[]): (request: HandleRequest) => boolean {
  const expected = tokens.map(digest)
  const matches = (candidate: string): boolean => {
    const given = digest(candidate)
    let ok = false
    // No early exit: every accepted token is compared, whichever matches.
    for (const token of expected) ok = timingSafeEqual(given, token) || ok
    return ok
  }
  return (request) => {
    for (const candidate of presentedTokens(request)) if (matches(candidate)) return true
    return false
  }
}

function digest(token: string): Buffer {
  return hash('sha256', token, 'buffer') as unknown as Buffer
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
  if (query !== -1) {
    for (const token of new URLSearchParams(request.url.slice(query + 1)).getAll('token')) found.push(token)
  }
  return found
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
