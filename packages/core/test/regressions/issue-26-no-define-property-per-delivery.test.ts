import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { post, receiverWith } from '../helpers.js'

// `Object.defineProperty` is a runtime call, about 0.13 µs each in process; over HTTP, paired, the two an event
// had (signal and the lazy id) cost 1.38 µs per request with every feature off (issue 26). The event's `signal`
// was an own accessor, defined on every event: it is the class's getter now. The only one left is the lazy `id`
// with dedupe off, where the hash it saves costs more.

afterEach(() => {
  vi.restoreAllMocks()
})

const message = FixtureByEventName['message.incoming']

test('with default options no property is defined per delivery, and the event still gives its signal and id', async () => {
  const receiver = receiverWith({})
  const events: AnyWebhookEvent[] = []
  receiver.on('message.incoming', async (event) => {
    events.push(event)
  })
  const define = vi.spyOn(Object, 'defineProperty')
  const statuses: number[] = []
  for (let i = 0; i < 5; i++)
    statuses.push((await receiver.handle(post({ ...message, conversation_token: `dp-${i}` }))).status)
  expect(define).not.toHaveBeenCalled()
  define.mockRestore()
  expect(statuses).toEqual([200, 200, 200, 200, 200])
  for (const event of events) {
    expect(event.signal).toBeInstanceOf(AbortSignal)
    expect(event.signal.aborted).toBe(false)
    expect(Object.keys(event)).toEqual(['id', 'account', 'name', 'webhook', 'payload', 'receivedAt'])
    expect({ ...event }.id).toBe(event.id)
  }
})

test('with dedupe off the id is the one property defined per delivery: an accessor that hashes on first read', async () => {
  const receiver = receiverWith({ dedupe: false })
  const events: AnyWebhookEvent[] = []
  receiver.on('message.incoming', (event) => {
    events.push(event)
  })
  const define = vi.spyOn(Object, 'defineProperty')
  await receiver.handle(post(message))
  const defined = define.mock.calls.map(([, key]) => key)
  define.mockRestore()
  expect(defined).toEqual(['id'])
  expect(events[0]?.id).toMatch(/^[0-9a-f]{64}$/)
})
