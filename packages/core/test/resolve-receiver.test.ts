import { expect, test } from 'vitest'
import { resolveReceiver } from '../src/adapter.js'
import { createReceiver } from '../src/index.js'

test('mounts the receiver it is given, else creates one from the options', () => {
  const given = createReceiver({ token: 't' })
  expect(resolveReceiver({ receiver: given })).toBe(given)
  expect(resolveReceiver({ token: 't' })).not.toBe(given)
  expect(() => resolveReceiver(undefined as never)).toThrow(/Pass \{ token: process\.env\.BLINGER_TOKEN \}/)
  expect(() => resolveReceiver({ token: 't', handlertimeout: 1 } as never)).toThrow(
    /Unknown option `handlertimeout`\. Did you mean `handlerTimeout`\?/,
  )
})

test('refuses receiver options beside a receiver instead of dropping them', () => {
  const receiver = createReceiver({ token: 't' })
  const fromJavaScript = { receiver, token: 'other', limit: 1 } as never
  expect(() => resolveReceiver(fromJavaScript)).toThrow(
    /either \{ receiver \} or the receiver options, not both: token, limit would be ignored/,
  )
  // An adapter's own `path`, and keys left undefined, are not receiver options.
  const withPath = { receiver, path: '/hooks', limit: undefined } as never
  expect(resolveReceiver(withPath)).toBe(receiver)
})
