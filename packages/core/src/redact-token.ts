/**
 * Replaces the value of every `token` query parameter in a URL with `[redacted]`, so a URL can be logged.
 * The query is read as the token check reads it: names are decoded (`?tok%65n=` is a `token` too), and a value
 * runs to the next `&`, past a `#`. Use it in your access-log serializer: Blinger puts the secret in the URL.
 * @example
 * redactToken('/webhooks/blinger?token=s3cret&x=1') // '/webhooks/blinger?token=[redacted]&x=1'
 */
export function redactToken(url: string): string {
  const start = url.indexOf('?')
  if (start === -1) return url
  const pairs = url.slice(start + 1).split('&')
  let redacted = false
  for (const [index, pair] of pairs.entries()) {
    const equals = pair.indexOf('=')
    if (equals === -1 || !isTokenName(pair.slice(0, equals), index === 0)) continue
    pairs[index] = `${pair.slice(0, equals)}=[redacted]`
    redacted = true
  }
  return redacted ? `${url.slice(0, start + 1)}${pairs.join('&')}` : url
}

/** Whether a raw query name decodes to `token` as URLSearchParams decodes it (a leading `?` only first). */
function isTokenName(raw: string, first: boolean): boolean {
  if (raw === 'token' || (first && raw === '?token')) return true
  if (!raw.includes('%')) return false // only percent-escapes can spell `token` otherwise (`+` is a space)
  const name = new URLSearchParams(`${first ? '' : '&'}${raw}=`).keys().next().value
  return name === 'token'
}
