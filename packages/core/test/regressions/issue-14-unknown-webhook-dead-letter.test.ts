import { afterEach, describe, expect, test, vi } from 'vitest'
import { letterStream, post, receiverWith } from '../helpers.js'

// Issue 14: a webhook outside the eight (a new Blinger event) was answered 200, emitted as `unknown`, and
// dropped when nobody listened. Unless an `unknown` or `*` listener takes it, it is now a dead letter.

const novel = { webhook: 'on_something_new', conversation_id: 7 }

afterEach(() => {
  vi.restoreAllMocks()
})

describe('issue 14: an unknown webhook nobody listens to is never lost silently', () => {
  test('with deadLetters: an unhandled letter, written before the 200', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ deadLetters: { stream } })
    receiver.on('message.incoming', () => {})
    expect((await receiver.handle(post(novel))).status).toBe(200)
    expect(stream.letters).toHaveLength(1)
    expect(stream.letters[0]).toMatchObject({
      name: 'unknown',
      webhook: 'on_something_new',
      payload: novel,
      reason: 'unhandled',
    })
    expect(stream.letters[0]).not.toHaveProperty('error')
  })

  test('an unknown or * listener takes it: no letter', async () => {
    for (const name of ['unknown', '*'] as const) {
      const stream = letterStream()
      const receiver = receiverWith({ deadLetters: { stream } })
      const taken = vi.fn()
      receiver.on(name, taken)
      expect((await receiver.handle(post(novel))).status).toBe(200)
      expect(taken).toHaveBeenCalledTimes(1)
      expect(stream.letters).toEqual([])
    }
  })

  test('without the option: a warning line naming the webhook', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await receiverWith().handle(post(novel))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /Lost delivery \(unhandled\): on_something_new [0-9a-f]{12}, no unknown or \* listener\./,
    )
  })
})
