import { describe, expect, it } from 'vitest'
import { toPayload } from '../src/to-payload.js'

describe('toPayload', () => {
  it('takes the payload out of a recorder line', () => {
    const payload = { webhook: 'on_user_new' }
    expect(
      toPayload({
        receivedAt: '2026-01-01T00:00:00.000Z',
        id: 'x',
        name: 'user.new',
        webhook: 'on_user_new',
        payload,
      }),
    ).toBe(payload)
  })

  it('takes any other object as a bare payload, and refuses what is not an object', () => {
    const bare = { webhook: 'on_user_new', user: {} }
    expect(toPayload(bare)).toBe(bare)
    expect(toPayload({ payload: {} })).toEqual({ payload: {} }) // no receivedAt: not a recorder line
    for (const value of [null, 1, 'x', [], [{}]]) expect(toPayload(value)).toBeUndefined()
    expect(toPayload({ receivedAt: 'x', payload: [1] })).toBeUndefined()
  })
})
