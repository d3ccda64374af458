import { createReceiver, type ReceiverOptions } from '@blinger-webhooks/core'
import { expect, test } from 'vitest'

// Issue 12 (D7): an option error echoed the value it got (`validation must be one of strict, lenient, off,
// got S3CRET-…`), so a secret pasted into the wrong option ended up in the logs that print the error.

const secret = 'S3CRET-d1c0ffee-0123456789abcdef'
const token = 'the-real-token'

test.each<[string, Partial<ReceiverOptions>, RegExp]>([
  [
    'validation',
    { validation: secret as never },
    /validation must be one of strict, lenient, off, got a value of type string\./,
  ],
  [
    'ack',
    { ack: secret as never },
    /ack must be one of after-handlers, immediately, got a value of type string\./,
  ],
  ['limit', { limit: secret as never }, /limit must be a positive number, got a value of type string\./],
  ['handlerTimeout', { handlerTimeout: secret as never }, /handlerTimeout must be a positive number/],
  ['readTimeout', { readTimeout: secret as never }, /readTimeout must be a positive number/],
  ['dedupe.ttl', { dedupe: { ttl: secret as never } }, /dedupe\.ttl must be a positive number/],
  ['dedupe.timeout', { dedupe: { timeout: secret as never } }, /dedupe\.timeout must be a positive number/],
  ['dedupe.max', { dedupe: { max: secret as never } }, /dedupe\.max must be a positive number/],
])('a string in %s is named by its type, never echoed', (_, options, message) => {
  let error: unknown
  try {
    createReceiver({ token, ...options })
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(Error)
  expect((error as Error).message).toMatch(message)
  expect((error as Error).message).not.toContain(secret)
  expect((error as Error).message).not.toContain('S3CRET')
})

test('a number is still shown: it holds no secret and helps the fix', () => {
  expect(() => createReceiver({ token, limit: -1 })).toThrow(/limit must be a positive number, got -1\./)
})
