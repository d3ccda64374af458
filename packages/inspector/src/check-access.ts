import { hash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isLoopback } from './is-loopback.js'

/** Whether a page or API request may proceed, or why not. */
export type Access = 'ok' | 'unauthorized' | 'forbidden_host' | 'forbidden_origin'

/** How the page and API are guarded; the webhook endpoint is guarded by the core's token check instead. */
export interface AccessPolicy {
  /** The token the page and API require, or `undefined` when they require none (bound to loopback). */
  readonly token: string | undefined
  /** Bound to loopback: only accept a loopback `Host`, so a DNS-rebinding page cannot reach the API. */
  readonly loopbackOnly: boolean
}

/**
 * Builds the guard of the page and the API. A browser on this machine may open them without a token when the
 * inspector is bound to loopback; anywhere else they need `?token=` or `Authorization: Bearer`. Writes must
 * come from the page itself: another origin's `Origin` is refused, so a website cannot make the inspector
 * send requests (replay, samples) on its behalf.
 */
export function createAccessCheck(policy: AccessPolicy): (request: IncomingMessage, url: URL) => Access {
  const expected = policy.token === undefined ? undefined : digest(policy.token)
  return (request, url) => {
    const host = request.headers.host ?? ''
    if (policy.loopbackOnly && !isLoopback(hostnameOf(host))) return 'forbidden_host'
    if (expected !== undefined) {
      const given = presented(request, url)
      if (given === undefined || !timingSafeEqual(digest(given), expected)) return 'unauthorized'
    }
    const { origin } = request.headers
    if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== undefined) {
      if (hostOf(origin) !== host.toLowerCase()) return 'forbidden_origin'
    }
    return 'ok'
  }
}

function presented(request: IncomingMessage, url: URL): string | undefined {
  const match = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')
  return match?.[1]?.trim() ?? url.searchParams.get('token') ?? undefined
}

function digest(token: string): Buffer {
  return hash('sha256', token, 'buffer') as unknown as Buffer
}

function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname
  } catch {
    return ''
  }
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return ''
  }
}
