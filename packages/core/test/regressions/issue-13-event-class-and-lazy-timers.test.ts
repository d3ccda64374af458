import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test } from 'vitest'
import { post, receiverWith } from '../helpers.js'

// An event built as an object literal with `get signal() { … }` gets a new getter closure per request, holding
// the request and response; V8 keeps such a literal's accessor pair in old space, so every request's graph
// survived scavenges until a full GC (~10 µs/request of GC under load). And a setTimeout + clearTimeout per
// request, for a body or handler that was done before the turn ended, cost ~5 µs.

const original = globalThis.setTimeout
afterEach(() => {
  globalThis.setTimeout = original
})

function countSetTimeout(): { readonly calls: number } {
  const counter = { calls: 0 }
  globalThis.setTimeout = new Proxy(original, {
    apply(fn, self, args) {
      counter.calls++
      return Reflect.apply(fn, self, args)
    },
  })
  return counter
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
const message = FixtureByEventName['message.incoming']

function nodeRequest(body: unknown) {
  const response = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false })
  return { ...post(body), response }
}

test('every event shares one signal getter and holds no function of its own: nothing per request closes over the request', async () => {
  const events: AnyWebhookEvent[] = []
  for (const dedupe of [true, false]) {
    const receiver = receiverWith({ dedupe })
    receiver.on('message.incoming', (event) => {
      events.push(event)
    })
    for (let i = 0; i < 2; i++)
      await receiver.handle(nodeRequest({ ...message, conversation_token: `t-${dedupe}-${i}` }))
  }
  expect(events).toHaveLength(4)
  const [first, ...rest] = events as [AnyWebhookEvent, ...AnyWebhookEvent[]]
  // `signal` is one getter on the event's class (issue 26: an own accessor cost a defineProperty per delivery).
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(first), 'signal')?.get
  expect(getter).toBeTypeOf('function')
  for (const event of events) {
    // The data keys of the object literal it replaced, in its order (with issue 18's `account` after `id`).
    expect(Reflect.ownKeys(event)).toEqual(['id', 'account', 'name', 'webhook', 'payload', 'receivedAt'])
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(event), 'signal')?.get).toBe(getter)
    for (const key of ['name', 'webhook', 'payload', 'receivedAt'])
      expect(Object.getOwnPropertyDescriptor(event, key), key).toMatchObject({
        writable: true,
        enumerable: true,
        configurable: true,
      })
    expect(event.id).toMatch(/^[0-9a-f]{64}$/)
    for (const key of Reflect.ownKeys(event)) {
      const descriptor = Object.getOwnPropertyDescriptor(event, key)
      if (descriptor !== undefined && 'value' in descriptor)
        expect(descriptor.value).not.toBeTypeOf('function')
    }
  }
  // With dedupe off the id is hashed on first read, through one getter shared the same way.
  const lazy = rest.slice(1).map((event) => Object.getOwnPropertyDescriptor(event, 'id')?.get)
  expect(lazy[0]).toBeTypeOf('function')
  expect(lazy[1]).toBe(lazy[0])
  expect(events[2]?.id).not.toBe(events[3]?.id)
  expect(events[2]?.signal.aborted).toBe(false)
  expect(events[2]?.signal).toBeInstanceOf(AbortSignal)
})

test('no timer is armed for a body that was read, or a handler that settled, within its turn', async () => {
  const receiver = receiverWith({}) // default options: the memory store arms no timer either
  const unhurried = receiverWith({ dedupe: false, ack: 'immediately' })
  receiver.on('message.incoming', async () => {})
  unhurried.on('message.incoming', () => {})
  const counter = countSetTimeout()
  const statuses: number[] = []
  for (let i = 0; i < 20; i++) {
    const body = { ...message, conversation_token: `timer-${i}` }
    statuses.push((await receiver.handle(nodeRequest(body))).status)
    statuses.push((await unhurried.handle(nodeRequest(body))).status)
  }
  await nextTurn()
  await nextTurn()
  expect(statuses).toEqual(Array(40).fill(200))
  expect(counter.calls).toBe(0)
})

test('a body still pending at the end of its turn gets its timer, and its full readTimeout', async () => {
  const counter = countSetTimeout()
  const slow = new Readable({ read() {} })
  slow.push('{"webhook":')
  const started = performance.now()
  const response = await receiverWith({ readTimeout: 50 }).handle({ ...post(message), stream: slow })
  expect(response.status).toBe(408)
  expect(performance.now() - started).toBeGreaterThanOrEqual(49)
  expect(counter.calls).toBe(1)
})
