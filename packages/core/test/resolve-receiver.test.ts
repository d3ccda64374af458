import { expect, test } from 'vitest'
import { createReceiver, resolveReceiver } from '../src/index.js'

test('mounts the receiver it is given, else creates one from the options', () => {
  const given = createReceiver({ token: 't' })
  expect(resolveReceiver({ receiver: given })).toBe(given)
  expect(resolveReceiver({ token: 't' })).not.toBe(given)
  expect(() => resolveReceiver({})).toThrow(/No token given/)
})
