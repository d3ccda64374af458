import type { IncomingHttpHeaders } from 'node:http'

/**
 * Whether a request comes from a web page. Browsers send `Origin` on every POST they make (fetch, even in
 * `no-cors` mode, a form, `navigator.sendBeacon`) and `Sec-Fetch-Site`/`-Dest` to loopback; Blinger's servers
 * send none of them. `Sec-Fetch-Mode` alone does not count: Node's fetch sends it, and so `blinger-webhooks
 * send` does. Without this check any page the developer opens could post a delivery that `--forward` relays,
 * with the app's token, to the app.
 */
export function isBrowserRequest(headers: IncomingHttpHeaders): boolean {
  return (
    headers.origin !== undefined ||
    headers['sec-fetch-site'] !== undefined ||
    headers['sec-fetch-dest'] !== undefined ||
    headers['sec-fetch-user'] !== undefined
  )
}
