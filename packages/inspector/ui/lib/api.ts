// The page's only way to the inspector. The token, when the page was opened with one, rides along on every call.
const token = new URLSearchParams(location.search).get('token')

/** An API path with the page's token added, for fetch and EventSource alike. */
export function apiUrl(path: string): string {
  if (token === null) return path
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
}

/** GETs a JSON resource; rejects with the API's error message. */
export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(apiUrl(path), { headers: { accept: 'application/json' } }))
}

/** POSTs a JSON body; rejects with the API's error message. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  )
}

async function parse<T>(response: Response): Promise<T> {
  const value = (await response.json().catch(() => null)) as unknown
  if (response.ok) return value as T
  const message = (value as { message?: unknown } | null)?.message
  throw new Error(typeof message === 'string' ? message : `HTTP ${response.status}`)
}
