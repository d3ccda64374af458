import { describe, expect, test } from 'vitest'
import { createReceiver } from '../src/index.js'
import { createMemoryStore } from '../src/store/memory-store.js'

describe('options that cannot apply are errors, not silently dropped', () => {
  test('dedupe.max beside dedupe.store throws a TypeError naming max', () => {
    const store = createMemoryStore()
    expect(() => createReceiver({ token: 'a-long-enough-token', dedupe: { store, max: 100 } })).toThrow(
      new TypeError(
        '[@blinger-webhooks/core] dedupe.max sizes the default in-memory store only, so it cannot apply beside dedupe.store: size the store you pass instead, or leave out store.',
      ),
    )
    // Each alone still applies.
    expect(() => createReceiver({ token: 'a-long-enough-token', dedupe: { store } })).not.toThrow()
    expect(() => createReceiver({ token: 'a-long-enough-token', dedupe: { max: 100 } })).not.toThrow()
  })

  test('deadLetters mode and maxBytes beside a stream throw: they size and create a file', () => {
    const stream = { write: () => true }
    const token = 'a-long-enough-token'
    expect(() => createReceiver({ token, deadLetters: { stream, mode: 0o600 } as never })).toThrow(
      /deadLetters\.mode apply to a \{ path \} only, not to a \{ stream \}/,
    )
    expect(() =>
      createReceiver({ token, deadLetters: { stream, mode: 0o600, maxBytes: 10 } as never }),
    ).toThrow(/deadLetters\.mode and deadLetters\.maxBytes apply to a \{ path \} only/)
    expect(() => createReceiver({ token, deadLetters: { stream } })).not.toThrow()
  })
})
