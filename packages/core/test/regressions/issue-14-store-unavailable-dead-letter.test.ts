import type { DedupeStore } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { letterStream, post, receiverWith } from '../helpers.js'

// Issue 14: when the dedupe store could not answer, the receiver answered 503 and kept the payload nowhere.
// It is now an `unavailable` dead letter, written before the 503.

const user = FixtureByEventName['user.new']
const down: DedupeStore = {
  claim: () => Promise.reject(new Error('ECONNREFUSED')),
  release: () => {},
  extend: () => false,
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('issue 14: a delivery the store could not claim is never lost silently', () => {
  test('with deadLetters: an unavailable letter, written before the 503', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ dedupe: { store: down }, deadLetters: { stream } })
    receiver.on('error', () => {})
    receiver.on('user.new', () => {})
    expect((await receiver.handle(post(user))).status).toBe(503)
    expect(stream.letters).toHaveLength(1)
    expect(stream.letters[0]).toMatchObject({
      name: 'user.new',
      payload: user,
      reason: 'unavailable',
      error: { code: 'store_failed' },
    })
  })

  test('without the option: a warning with store_failed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const receiver = receiverWith({ dedupe: { store: down } })
    receiver.on('error', () => {})
    expect((await receiver.handle(post(user))).status).toBe(503)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /Lost delivery \(unavailable\): on_user_new [0-9a-f]{12}, store_failed\./,
    )
  })
})
