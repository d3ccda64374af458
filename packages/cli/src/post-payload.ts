import { DeliverError } from '@blinger-webhooks/testing'

/** How `send` and `replay` POST a payload. */
export interface PostOptions {
  /** The token; none is sent when `undefined`. */
  readonly token?: string | undefined
  /** `?token=` as Blinger sends it, or `Authorization: Bearer`. */
  readonly tokenIn: 'query' | 'header'
  /** Milliseconds to wait for the answer. */
  readonly timeout: number
}

/** The receiver's answer. */
export interface PostAnswer {
  readonly status: number
  readonly text: string
  /** `{ "ok": true, "duplicate": true }`: the receiver saw this body within its dedupe TTL and ran no handler. */
  readonly duplicate: boolean
  /** For a redirect: where it points, without its query (it may carry a token). Never followed. */
  readonly location?: string
}

/**
 * POSTs `payload` as JSON to `url` and resolves with the answer, whatever its status. A redirect is an answer,
 * not followed: following a 307/308 re-sends the body to an address the user never gave (and undici fails on a
 * Buffer body: "detached ArrayBuffer"); the user points `--url` at the right address instead.
 * Rejects with a `DeliverError` (no query in it) when no answer comes.
 */
export async function postPayload(url: URL, payload: object, options: PostOptions): Promise<PostAnswer> {
  const where = `${url.origin}${url.pathname}`
  const target = new URL(url)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.token !== undefined) {
    if (options.tokenIn === 'header') headers.authorization = `Bearer ${options.token}`
    else target.searchParams.set('token', options.token)
  }
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeout),
    })
    const text = await response.text()
    const location = locationOf(response, target)
    return {
      status: response.status,
      text,
      duplicate: isDuplicateAnswer(text),
      ...(location === undefined ? {} : { location }),
    }
  } catch (cause) {
    throw new DeliverError(where, describeFailure(cause, options.timeout), { cause })
  }
}

function locationOf(response: Response, base: URL): string | undefined {
  if (response.status < 300 || response.status >= 400) return undefined
  const value = response.headers.get('location')
  if (value === null || !URL.canParse(value, base.href)) return undefined
  const location = new URL(value, base)
  return `${location.origin}${location.pathname}`
}

/** One line on why a request got no answer: `connect ECONNREFUSED 127.0.0.1:1`, not `fetch failed`. */
function describeFailure(error: unknown, timeout: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeout} ms`
  const cause = error instanceof Error ? error.cause : undefined
  const message =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error)
  // fetch refuses ports such as 1, 9 or 6000 (the Fetch standard's "bad ports") before connecting.
  return message === 'bad port'
    ? 'fetch does not allow this port ("bad port" in the Fetch standard); use another'
    : message
}

function isDuplicateAnswer(text: string): boolean {
  try {
    const body: unknown = JSON.parse(text)
    return typeof body === 'object' && body !== null && (body as { duplicate?: unknown }).duplicate === true
  } catch {
    return false
  }
}
