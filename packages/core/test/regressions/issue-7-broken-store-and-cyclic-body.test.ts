import { Readable } from 'node:stream'
import type { DedupeStore } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { parsed, post, receiverWith } from '../helpers.js'

const payload = FixtureByEventName['user.new']

// A store whose claim answered something other than a boolean (undefined, Redis's 'OK') made every delivery a
// "duplicate": 200, and nothing emitted. Accepted and lost.
test.each([
  ['undefined', () => undefined],
  ['a string', async () => 'OK'],
  ['a number', async () => 1],
])(
  'a claim that answers %s is a store failure: 503 and an error event, never a silent 200',
  async (_label, claim) => {
    const store = { claim, release: () => {} } as unknown as DedupeStore
    const receiver = receiverWith({ dedupe: { store } })
    const errors = vi.fn()
    const seen = vi.fn()
    receiver.on('error', errors).on('*', seen)
    const response = await receiver.handle(post(payload))
    expect(response.status).toBe(503)
    expect(parsed(response).error).toBe('store_unavailable')
    expect(errors.mock.calls[0]?.[0]).toMatchObject({
      code: 'store_failed',
      message: expect.stringMatching(/not a boolean/),
    })
    expect(seen).not.toHaveBeenCalled()
  },
)

// A parsed body with a cycle made the poison-key strip loop forever, blocking the process. No JSON parser makes
// one, but an app's custom parser could.
test('a cyclic parsed body gets 400 instead of hanging the process', async () => {
  const cyclic: Record<string, unknown> = { ...structuredClone(payload) }
  cyclic.self = cyclic
  const stream = Readable.from([Buffer.from('{}')])
  for await (const _ of stream);
  const response = await receiverWith().handle(post('', { body: cyclic, stream }))
  expect(response.status).toBe(400)
})
