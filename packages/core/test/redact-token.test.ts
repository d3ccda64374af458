import { expect, test } from 'vitest'
import { redactToken } from '../src/redact-token.js'

test.each([
  ['/webhooks/blinger?token=s3cret', '/webhooks/blinger?token=[redacted]'],
  ['/h?a=1&token=s3cret&b=2', '/h?a=1&token=[redacted]&b=2'],
  ['/h?token=a&token=b', '/h?token=[redacted]&token=[redacted]'],
  ['https://x.io/h?token=s#frag', 'https://x.io/h?token=[redacted]'], // the check would read `s#frag`
  ['https://x.io/h?a=1#frag', 'https://x.io/h?a=1#frag'],
  ['/h?mytoken=keep', '/h?mytoken=keep'],
  ['/h', '/h'],
])('%s → %s', (url, expected) => {
  expect(redactToken(url)).toBe(expected)
})
