const tokenParameter = /([?&])token=[^&#]*/g

/**
 * Replaces the value of every `token` query parameter in a URL with `[redacted]`, so a URL can be logged.
 * Use it in your access-log serializer: Blinger puts the secret in the URL.
 * @example
 * redactToken('/webhooks/blinger?token=s3cret&x=1') // '/webhooks/blinger?token=[redacted]&x=1'
 */
export function redactToken(url: string): string {
  return url.includes('token=') ? url.replace(tokenParameter, '$1token=[redacted]') : url
}
