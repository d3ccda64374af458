/**
 * Whether a Content-Type header announces JSON: `application/json` or `application/*+json`, any parameters.
 * A missing header counts as JSON, since some senders omit it.
 */
export function checkContentType(header: string | string[] | undefined): boolean {
  if (header === undefined) return true
  const value = Array.isArray(header) ? header[0] : header
  // The usual value, compared as it is: no slice, trim and lower-casing for it on every request.
  if (value === undefined || value === '' || value === 'application/json') return true
  const semicolon = value.indexOf(';')
  const type = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}
