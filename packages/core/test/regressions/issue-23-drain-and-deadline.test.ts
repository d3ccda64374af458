import { createMemoryStore, type WebhookError } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test, vi } from 'vitest'
import { letterStream, parsed, post, receiverWith } from '../helpers.js'

// Issue 23: nothing waited for running handlers (every deploy lost the deliveries answered before their
// handlers finished), and a handler that never settled was kept for ever, its claim renewed every
// handlerTimeout and its memory growing with each one.

const message = FixtureByEventName['message.incoming']
const variant = (id: number) => ({ ...message, message: { ...message.message, id } })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const never = () => new Promise<never>(() => {})

describe('issue 23: close() drains', () => {
  test('waits for handlers answered long ago, counts them in running, and is one close when called twice', async () => {
    const receiver = receiverWith({ ack: 'immediately' })
    const finished: number[] = []
    receiver.on('message.incoming', async (event) => {
      await sleep(80)
      finished.push(event.payload.message.id)
    })
    for (const id of [1, 2, 3]) expect((await receiver.handle(post(variant(id)))).status).toBe(200)
    expect(receiver.running).toBe(3)
    const first = receiver.close({ timeout: 5000 })
    expect(receiver.close()).toBe(first)
    await first
    expect(finished.sort()).toEqual([1, 2, 3])
    expect(receiver.running).toBe(0)
  })

  test('deliveries arriving during the drain are handled; after it, 503 and nothing dispatched', async () => {
    const receiver = receiverWith()
    const handled: number[] = []
    receiver.on('message.incoming', async (event) => {
      await sleep(30)
      handled.push(event.payload.message.id)
    })
    const slow = receiver.handle(post(variant(1)))
    const closed = receiver.close({ timeout: 2000 })
    expect((await receiver.handle(post(variant(2)))).status).toBe(200)
    expect((await slow).status).toBe(200)
    await closed
    const after = await receiver.handle(post(variant(3)))
    expect(after.status).toBe(503)
    expect(parsed(after).error).toBe('shutting_down')
    expect(handled.sort()).toEqual([1, 2])
    await expect(receiver.receive(variant(4))).rejects.toMatchObject({ code: 'shutdown' })
  })

  test('at the deadline: signal aborted, a shutdown dead letter each, a pending answer still 200 (kept), the claim let go', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ deadLetters: { stream } })
    const signals: AbortSignal[] = []
    receiver.on('message.incoming', (event) => {
      signals.push(event.signal)
      return never()
    })
    receiver.handle(post(variant(1))) // answered at handlerTimeout (10 s): pending when close() cuts it
    const pending = receiver.handle(post(variant(2)))
    await vi.waitFor(() => expect(receiver.running).toBe(2))
    await receiver.close({ timeout: 30 })
    // At the deadline itself, not at handlerTimeout (10 s) when the answer's own wait would end.
    const answered = await Promise.race([pending, sleep(1000).then(() => undefined)])
    expect(answered?.status).toBe(200)
    expect(signals.every((signal) => signal.aborted)).toBe(true)
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['shutdown', 'shutdown'])
    expect(receiver.running).toBe(0)
  })

  test('without deadLetters: one warning line per delivery cut, with no payload value', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const receiver = receiverWith({ ack: 'immediately' })
    receiver.on('message.incoming', () => never())
    await receiver.handle(post(variant(1)))
    await receiver.close({ timeout: 10 })
    const lines = warn.mock.calls.map((call) => String(call[0]))
    warn.mockRestore()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Lost delivery (shutdown)')
    expect(lines[0]).not.toContain(message.conversation_token)
  })

  test('rejects a negative timeout', () => {
    expect(() => receiverWith().close({ timeout: -1 })).toThrow(RangeError)
  })
})

describe('issue 23: handlerDeadline gives up a handler that never settles', () => {
  test('its signal aborts, a timeout dead letter is kept, the lease is no longer renewed, running drops to 0', async () => {
    const store = createMemoryStore()
    const extend = vi.spyOn(store, 'extend')
    const stream = letterStream()
    const errors: WebhookError[] = []
    const receiver = receiverWith({
      handlerTimeout: 20,
      handlerDeadline: 120,
      dedupe: { store },
      deadLetters: { stream },
    })
    receiver.on('error', (error) => {
      errors.push(error)
    })
    let signal: AbortSignal | undefined
    receiver.on('message.incoming', (event) => {
      signal = event.signal
      return never()
    })
    expect((await receiver.handle(post(message))).status).toBe(200)
    await vi.waitFor(() => expect(receiver.running).toBe(0), { timeout: 2000 })
    expect(signal?.aborted).toBe(true)
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['timeout'])
    expect(errors.map((error) => error.code)).toEqual(['handler_timeout'])
    const renewals = extend.mock.calls.length
    await sleep(100)
    expect(extend.mock.calls.length).toBe(renewals)
  })

  test('a handler that fails after it was given up writes no second letter: its timeout letter is the one to replay', async () => {
    const store = createMemoryStore()
    const stream = letterStream()
    const receiver = receiverWith({
      handlerTimeout: 10,
      handlerDeadline: 40,
      dedupe: { store },
      deadLetters: { stream },
    })
    const errors: WebhookError[] = []
    receiver.on('error', (error) => {
      errors.push(error)
    })
    receiver.on('message.incoming', async () => {
      await sleep(120)
      throw new Error('failed long after its deadline')
    })
    receiver.on('message.outgoing', async () => {
      await sleep(120)
    })
    const outgoing = FixtureByEventName['message.outgoing']
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect((await receiver.handle(post(outgoing))).status).toBe(200)
    await vi.waitFor(() => expect(stream.letters).toHaveLength(2), { timeout: 2000 })
    await sleep(150)
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['timeout', 'timeout'])
    expect(errors.map((error) => error.code)).toEqual(['handler_timeout', 'handler_timeout'])
    // The late failure still lets its claim go, so a replay of its letter runs it again.
    expect(parsed(await receiver.handle(post(message)))).toEqual({ ok: true })
    await receiver.close({ timeout: 0 })
  })

  test('receive() rejects with handler_timeout at the deadline', async () => {
    const receiver = receiverWith({ handlerTimeout: 10, handlerDeadline: 50 })
    receiver.on('message.incoming', () => never())
    await expect(receiver.receive(message)).rejects.toMatchObject({ code: 'handler_timeout' })
  })

  test('must be longer than handlerTimeout', () => {
    expect(() => receiverWith({ handlerTimeout: 100, handlerDeadline: 100 })).toThrow(/handlerDeadline/)
  })
})

describe('issue 23: waitUntil gets the work that outlives the answer', () => {
  test("ack 'immediately': one promise, settled once the handler finished", async () => {
    const receiver = receiverWith({ ack: 'immediately' })
    let finished = false
    receiver.on('message.incoming', async () => {
      await sleep(40)
      finished = true
    })
    const waitUntil = vi.fn<(promise: Promise<unknown>) => void>()
    expect((await receiver.handle(post(message, { waitUntil }))).status).toBe(200)
    expect(finished).toBe(false)
    expect(waitUntil).toHaveBeenCalledTimes(1)
    await waitUntil.mock.calls[0]?.[0]
    expect(finished).toBe(true)
  })

  test('handlers done before the answer: not called', async () => {
    const receiver = receiverWith()
    receiver.on('message.incoming', async () => {})
    const waitUntil = vi.fn()
    await receiver.handle(post(message, { waitUntil }))
    expect(waitUntil).not.toHaveBeenCalled()
  })
})
