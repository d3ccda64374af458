/**
 * Whether a Content-Encoding header leaves the body as plain bytes: absent, empty or `identity`.
 * Blinger sends plain JSON; a compressed body is refused (415) rather than inflated, so a zip bomb never
 * gets decoded and `limit` always counts the bytes that arrive.
 */
export function checkContentEncoding(header: string | string[] | undefined): boolean {
  if (header === undefined) return true
  for (const value of Array.isArray(header) ? header : [header]) {
    // A list names codings in the order they were applied; every one of them must be a no-op.
    for (const coding of value.split(',')) {
      const name = coding.trim().toLowerCase()
      if (name !== '' && name !== 'identity') return false
    }
  }
  return true
}
