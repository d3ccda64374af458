import { Readable } from 'node:stream'
import { createMemoryStore, createReceiver, type DedupeStore } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'

// Blinger's payloads say nothing of the account: two clients can send byte-identical deliveries (a
// `user.new` of the same chat user). Deduped by content alone, the second client's delivery was answered 200
// and dropped as a duplicate.
test('issue 18: the same bytes from two accounts are two deliveries, with per-account store keys', async () => {
  const claimed: string[] = []
  const memory = createMemoryStore()
  const store: DedupeStore = {
    claim: (id, ttl) => {
      claimed.push(id)
      return memory.claim(id, ttl)
    },
    release: (id) => memory.release(id),
    extend: (id, ttl) => memory.extend(id, ttl),
  }
  const receiver = createReceiver({ token: { acme: 'a-token', globex: 'g-token' }, dedupe: { store } })
  const accounts: unknown[] = []
  receiver.on('user.new', (event) => void accounts.push(event.account))
  const body = Buffer.from(JSON.stringify(FixtureByEventName['user.new']))
  const send = (token: string) =>
    receiver.handle({
      method: 'POST',
      url: `/?token=${token}`,
      headers: { 'content-type': 'application/json' },
      stream: Readable.from([body]),
    })
  for (const token of ['a-token', 'g-token', 'g-token']) expect((await send(token)).status).toBe(200)
  expect(accounts).toEqual(['acme', 'globex'])
  expect(claimed[0]).toMatch(/^acme\/[0-9a-f]{64}$/)
  expect(claimed[1]).toBe(`globex/${claimed[0]?.slice(5)}`)
})
