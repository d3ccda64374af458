import { octokitDelivery, smallTemplate, url } from './payloads.js'
import { routedPath } from './route-server.js'
import { repeatsOneBody, type ServerCase } from './server-cases.js'

/** What the load generator sends on every request to one server, whichever generator runs. */
export interface LoadRequest {
  readonly method: 'POST'
  /** Path and query, e.g. `/webhooks/blinger?token=…`. */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
  /**
   * Byte offset of 10 ASCII digits in `body` that the generator overwrites with a counter on every request, so
   * every body (and its sha256, the delivery id) is distinct and dedupe sees a new delivery each time. Absent:
   * `body` goes out unchanged every time.
   */
  readonly counterAt?: number
}

/** The number of counter digits `counterAt` points to. */
export const counterDigits = 10

/** What a case gets: distinct bodies (a counter rewritten per request) unless it repeats one. */
export function loadRequestFor(name: ServerCase): LoadRequest {
  if (name === 'octokit') {
    const { body, headers } = octokitDelivery(smallTemplate().body.length)
    return { method: 'POST', path: url, headers: { 'content-type': 'application/json', ...headers }, body }
  }
  const { body, offset } = smallTemplate()
  const request = {
    method: 'POST',
    path: url,
    headers: { 'content-type': 'application/json' },
    body,
  } as const
  return repeatsOneBody(name) ? request : { ...request, counterAt: offset }
}

/** What a case gets as a route of `server.ts`, behind its prefix (`route-server.ts`). */
export function routedRequestFor(name: ServerCase): LoadRequest {
  const request = loadRequestFor(name)
  return { ...request, path: routedPath(name, request.path) }
}
