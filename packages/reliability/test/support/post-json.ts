import { hookPath } from './start-app.js'

/** POSTs `body` as JSON to the app's hook path with `?token=`; resolves with the status and the response text. */
export async function postJson(
  origin: string,
  token: string,
  body: string | Uint8Array,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${hookPath}?token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return { status: response.status, text: await response.text() }
}
