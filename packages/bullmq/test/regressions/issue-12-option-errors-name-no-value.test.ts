import { expect, test } from 'vitest'
import { createQueueReceiver, createQueueWorker } from '../../src/index.js'

// Issue 12 (D7): an option error echoed what it was given, so a secret pasted into the wrong option ended up in
// the logs that print the error. It names the option and the type it got; a number is still shown.

const secret = 'S3CRET-pasted-in-the-wrong-place'
const connection = 'redis://127.0.0.1:1'

test.each([
  ['attempts', () => createQueueReceiver({ token: 't', connection, attempts: secret as never })],
  ['enqueueTimeout', () => createQueueReceiver({ token: 't', connection, enqueueTimeout: secret as never })],
  ['concurrency', () => createQueueWorker({ connection, concurrency: secret as never, autorun: false })],
])('%s: the error names the option and the type, never the value', (option, create) => {
  expect(create).toThrow(new RegExp(`${option} must be .*got a value of type string\\.`))
  expect(create).not.toThrow(secret)
})

test('a number is still shown', () => {
  expect(() => createQueueReceiver({ token: 't', connection, attempts: 0 })).toThrow('got 0.')
})
