import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { HandleRequest, HandleResponse } from '../../src/adapter.js'
import { letterStream, parsed, receiverWith, token } from '../helpers.js'

// Issue 27 §1: `order: 'conversation'`. Time is virtual (fake timers) or driven by hand (deferreds): no
// assertion here depends on the machine's speed.

const message = FixtureByEventName['message.incoming']
const closed = FixtureByEventName['conversation.closed']
/** A `message.incoming` of conversation `conversation`, distinct per `n` (so dedupe keeps each). */
const messageOf = (conversation: number, n: number) => ({
  ...message,
  conversation_id: conversation,
  message: { ...message.message, id: n },
})
const closedOf = (conversation: number) => ({
  ...closed,
  conversation: { ...closed.conversation, id: conversation },
})
/** A POST with a parsed body: no stream to read, so nothing but the handlers takes time. */
const postOf = (body: object): HandleRequest => ({
  method: 'POST',
  url: `/?token=${token}`,
  headers: { 'content-type': 'application/json' },
  body,
})
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const never = () => new Promise<never>(() => {})

/** A promise settled by hand. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((settle) => {
    resolve = settle
  })
  return { promise, resolve }
}

/** A seeded generator (mulberry32): random handler times that are the same on every run. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe("order: 'conversation'", () => {
  test('many conversations × several events: in send order, never overlapping within one, side by side across', async () => {
    vi.useFakeTimers()
    const conversations = 12
    const perConversation = 6
    const next = random(27)
    // Handler time of each delivery, 10 to 400 virtual ms.
    const duration = new Map<string, number>()
    const receiver = receiverWith({ order: 'conversation' })
    const started: Record<number, number[]> = {}
    const active: Record<number, number> = {}
    let running = 0
    let most = 0
    let overlaps = 0
    let lastEnd = 0
    receiver.on('message', async (event) => {
      const { conversation_id: conversation } = event.payload
      const n = event.name === 'message.incoming' ? event.payload.message.id : -1
      started[conversation] = [...(started[conversation] ?? []), n]
      if ((active[conversation] ?? 0) > 0) overlaps++
      active[conversation] = (active[conversation] ?? 0) + 1
      most = Math.max(most, ++running)
      await sleep(duration.get(`${conversation}/${n}`) ?? 0)
      running--
      active[conversation] = (active[conversation] ?? 0) - 1
      lastEnd = Date.now()
    })
    const began = Date.now()
    const sums: number[] = []
    const responses: Promise<HandleResponse>[] = []
    // Round after round: one event of each conversation per round, so each conversation's events are sent one
    // after another while the conversations' are sent at the same time.
    for (let n = 0; n < perConversation; n++)
      for (let c = 0; c < conversations; c++) {
        const ms = 10 + Math.floor(next() * 390)
        duration.set(`${c}/${n}`, ms)
        sums[c] = (sums[c] ?? 0) + ms
        responses.push(receiver.handle(postOf(messageOf(c, n))))
      }
    while (receiver.running > 0) await vi.advanceTimersByTimeAsync(5)
    const answers = await Promise.all(responses)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(overlaps).toBe(0)
    for (let c = 0; c < conversations; c++) expect(started[c]).toEqual([0, 1, 2, 3, 4, 5])
    expect(most).toBeGreaterThan(1)
    // About the longest conversation (each step rounds up to the 5 ms the loop advances by), not the sum.
    const longest = Math.max(...sums)
    const total = sums.reduce((a, b) => a + b, 0)
    expect(lastEnd - began).toBeGreaterThanOrEqual(longest)
    expect(lastEnd - began).toBeLessThanOrEqual(longest + 5 * perConversation + 5)
    expect(lastEnd - began).toBeLessThan(total / 4)
  })

  test('the help-desk case: conversation.closed waits for the slower message.incoming before it', async () => {
    vi.useFakeTimers()
    const receiver = receiverWith({ order: 'conversation' })
    const seen: string[] = []
    receiver.on('message.incoming', async () => {
      await sleep(300) // writing to a CRM
      seen.push('message.incoming')
    })
    receiver.on('conversation.closed', () => {
      seen.push('conversation.closed')
    })
    const first = receiver.handle(postOf(messageOf(173, 1)))
    await vi.advanceTimersByTimeAsync(50)
    const second = receiver.handle(postOf(closedOf(173)))
    await vi.advanceTimersByTimeAsync(300)
    expect((await first).status).toBe(200)
    expect((await second).status).toBe(200)
    expect(seen).toEqual(['message.incoming', 'conversation.closed'])
  })

  test('off by default: the later, faster handler runs first, as before', async () => {
    vi.useFakeTimers()
    const receiver = receiverWith()
    const seen: string[] = []
    receiver.on('message.incoming', async () => {
      await sleep(300)
      seen.push('message.incoming')
    })
    receiver.on('conversation.closed', () => {
      seen.push('conversation.closed')
    })
    receiver.handle(postOf(messageOf(173, 1)))
    receiver.handle(postOf(closedOf(173)))
    await vi.advanceTimersByTimeAsync(300)
    expect(seen).toEqual(['conversation.closed', 'message.incoming'])
  })

  test('user.new and unknown webhooks are not ordered; neither are other accounts or other conversations', async () => {
    const receiver = receiverWith({
      order: 'conversation',
      token: { acme: `${token}-acme`, globex: `${token}-glob` },
    })
    const gate = deferred()
    let ran = 0
    receiver.on('message.incoming', async (event) => {
      ran++
      if (event.account === 'acme' && event.payload.conversation_id === 1) await gate.promise
    })
    receiver.on('user.new', () => {
      ran++
    })
    receiver.on('unknown', () => {
      ran++
    })
    const as = (account: string, body: object) => ({ ...postOf(body), url: `/?token=${token}-${account}` })
    receiver.handle(as('acme', messageOf(1, 1)))
    receiver.handle(as('acme', messageOf(1, 2))) // waits
    const others = [
      receiver.handle(as('glob', messageOf(1, 3))), // same id, other account
      receiver.handle(as('acme', messageOf(2, 4))),
      receiver.handle(as('acme', FixtureByEventName['user.new'])),
      receiver.handle(as('acme', { webhook: 'on_something_new' })),
    ]
    expect((await Promise.all(others)).map((answer) => answer.status)).toEqual([200, 200, 200, 200])
    expect(ran).toBe(5)
    expect(receiver.running).toBe(2) // the held one, and the one waiting behind it
    gate.resolve()
    await vi.waitFor(() => expect(receiver.running).toBe(0))
    expect(ran).toBe(6)
  })

  test('a function gives another key; undefined leaves a delivery unordered', async () => {
    const keys: string[] = []
    const receiver = receiverWith({
      order: (event) =>
        event.name === 'message.incoming' ? `sender-${event.payload.from_user_id}` : undefined,
    })
    const gate = deferred()
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      keys.push(event.name)
      if (event.payload.message.id === 1) await gate.promise
      seen.push(event.payload.message.id)
    })
    receiver.handle(postOf(messageOf(1, 1)))
    const second = receiver.handle(postOf(messageOf(2, 2))) // another conversation, the same sender: waits
    await vi.waitFor(() => expect(receiver.running).toBe(2))
    expect(seen).toEqual([])
    gate.resolve()
    expect((await second).status).toBe(200)
    expect(seen).toEqual([1, 2])
  })

  test('a key function that throws fails its delivery as a handler would: 500, error, dead letter', async () => {
    const stream = letterStream()
    const receiver = receiverWith({
      order: () => {
        throw new Error('no key')
      },
      deadLetters: { stream },
    })
    const errors: unknown[] = []
    receiver.on('error', (error) => errors.push(error))
    const handler = vi.fn()
    receiver.on('message.incoming', handler)
    const answer = await receiver.handle(postOf(messageOf(1, 1)))
    expect(answer.status).toBe(500)
    expect(handler).not.toHaveBeenCalled()
    expect(errors).toHaveLength(1)
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['failed'])
  })

  test('a failing handler does not block its conversation: its dead letter, then the next runs', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ order: 'conversation', deadLetters: { stream } })
    receiver.on('error', () => {})
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      seen.push(event.payload.message.id)
      await sleep(1)
      if (event.payload.message.id === 1) throw new Error('CRM down')
    })
    const answers = await Promise.all([1, 2, 3].map((n) => receiver.handle(postOf(messageOf(7, n)))))
    expect(answers.map((answer) => answer.status)).toEqual([500, 200, 200])
    expect(seen).toEqual([1, 2, 3])
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['failed'])
  })

  test('a handler that never settles holds its conversation until handlerDeadline only, counted from its start', async () => {
    vi.useFakeTimers()
    const stream = letterStream()
    const receiver = receiverWith({
      order: 'conversation',
      handlerTimeout: 1000,
      handlerDeadline: 3000,
      deadLetters: { stream },
    })
    receiver.on('error', () => {})
    const seen: number[] = []
    receiver.on('message.incoming', (event) => {
      seen.push(event.payload.message.id)
      return never()
    })
    const answers = [1, 2, 3].map((n) => receiver.handle(postOf(messageOf(9, n))))
    // Every one answered within handlerTimeout of its arrival, although two of them wait.
    await vi.advanceTimersByTimeAsync(1001)
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(seen).toEqual([1])
    await vi.advanceTimersByTimeAsync(2000) // t = 3001: the first given up, the second starts
    expect(seen).toEqual([1, 2])
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['timeout'])
    // The second's deadline counts from its start (3001), not from its arrival (0): nothing at 3001 + 2000.
    await vi.advanceTimersByTimeAsync(2000)
    expect(seen).toEqual([1, 2])
    expect(stream.letters).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1001)
    expect(seen).toEqual([1, 2, 3])
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['timeout', 'timeout'])
    expect(receiver.running).toBe(1)
  })

  test("a waiting delivery's event.signal is not aborted before it ran; handlerTimeout counts from its start", async () => {
    vi.useFakeTimers()
    const receiver = receiverWith({ order: 'conversation', handlerTimeout: 1000 })
    const signals = new Map<number, AbortSignal>()
    receiver.on('message.incoming', async (event) => {
      signals.set(event.payload.message.id, event.signal)
      await sleep(event.payload.message.id === 1 ? 2500 : 1500)
    })
    const first = receiver.handle(postOf(messageOf(4, 1)))
    const second = receiver.handle(postOf(messageOf(4, 2)))
    await vi.advanceTimersByTimeAsync(1001)
    expect((await first).status).toBe(200)
    expect((await second).status).toBe(200) // waiting, answered in time
    expect(signals.get(1)?.aborted).toBe(true)
    expect(signals.has(2)).toBe(false)
    await vi.advanceTimersByTimeAsync(1500) // t = 2501: the second starts
    expect(signals.get(2)?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(900) // 900 ms after its start
    expect(signals.get(2)?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(200) // 1100 ms after its start
    expect(signals.get(2)?.aborted).toBe(true)
  })

  test('ack: immediately answers at once; the order of the handlers holds', async () => {
    vi.useFakeTimers()
    const receiver = receiverWith({ order: 'conversation', ack: 'immediately' })
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      await sleep(100 - event.payload.message.id * 10)
      seen.push(event.payload.message.id)
    })
    const answers = await Promise.all([1, 2, 3].map((n) => receiver.handle(postOf(messageOf(5, n)))))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(receiver.running).toBe(3)
    await vi.advanceTimersByTimeAsync(300)
    expect(seen).toEqual([1, 2, 3])
    expect(receiver.running).toBe(0)
  })
})

describe('orderLimits', () => {
  test('over the per-key cap: 503 order_full and a dead letter (overflow); the claim let go', async () => {
    const stream = letterStream()
    const receiver = receiverWith({
      order: 'conversation',
      orderLimits: { perKey: 2 },
      deadLetters: { stream },
    })
    const gate = deferred()
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      seen.push(event.payload.message.id)
      await gate.promise
    })
    const answers = [1, 2, 3].map((n) => receiver.handle(postOf(messageOf(1, n))))
    const refused = await receiver.handle(postOf(messageOf(1, 4)))
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('5')
    expect(parsed(refused).error).toBe('order_full')
    expect(
      stream.letters.map((letter) => [letter.reason, (letter.payload as typeof message).message.id]),
    ).toEqual([['overflow', 4]])
    expect(receiver.running).toBe(3)
    gate.resolve()
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200])
    // Let go: sent again, it is no duplicate.
    expect((await receiver.handle(postOf(messageOf(1, 4)))).status).toBe(200)
    expect(seen).toEqual([1, 2, 3, 4])
  })

  test('over the total cap, across keys: 503; a key whose queue emptied holds nothing', async () => {
    const stream = letterStream()
    const receiver = receiverWith({
      order: 'conversation',
      orderLimits: { perKey: 10, total: 2 },
      deadLetters: { stream },
    })
    const gate = deferred()
    receiver.on('message.incoming', () => gate.promise)
    for (const [c, n] of [
      [1, 1],
      [1, 2],
      [2, 3],
      [2, 4],
    ] as const)
      receiver.handle(postOf(messageOf(c, n)))
    // A conversation with nothing running starts at once, whatever waits elsewhere; one more of it would wait.
    receiver.handle(postOf(messageOf(3, 5)))
    expect(receiver.running).toBe(5)
    const overCap = await receiver.handle(postOf(messageOf(3, 6)))
    expect(overCap.status).toBe(503)
    expect(stream.letters.map((letter) => letter.reason)).toEqual(['overflow'])
    gate.resolve()
    await vi.waitFor(() => expect(receiver.running).toBe(0))
  })

  test('receive() honours order and its caps: it rejects with order_full', async () => {
    const receiver = receiverWith({ order: 'conversation', orderLimits: { perKey: 1 } })
    const gate = deferred()
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      seen.push(event.payload.message.id)
      if (event.payload.message.id === 1) await gate.promise
    })
    const first = receiver.receive(messageOf(1, 1))
    const second = receiver.receive(messageOf(1, 2))
    await expect(receiver.receive(messageOf(1, 3))).rejects.toMatchObject({ code: 'order_full' })
    expect(seen).toEqual([1])
    gate.resolve()
    await first
    await second
    expect(seen).toEqual([1, 2])
  })
})

describe('close() under order', () => {
  test('lets the queued ones run in order while its deadline allows', async () => {
    const receiver = receiverWith({ order: 'conversation' })
    const seen: number[] = []
    receiver.on('message.incoming', async (event) => {
      await sleep(5)
      seen.push(event.payload.message.id)
    })
    const answers = [1, 2, 3, 4].map((n) => receiver.handle(postOf(messageOf(3, n))))
    expect(receiver.running).toBe(4) // waiting ones count too
    await receiver.close({ timeout: 10_000 })
    expect(seen).toEqual([1, 2, 3, 4])
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200, 200])
    expect(receiver.running).toBe(0)
  })

  test('at its deadline: the running one and every one never started become shutdown dead letters, in order', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ order: 'conversation', deadLetters: { stream } })
    const seen: number[] = []
    receiver.on('message.incoming', (event) => {
      seen.push(event.payload.message.id)
      return never()
    })
    const answers = [
      [1, 1],
      [2, 2],
      [1, 3],
      [2, 4],
      [1, 5],
    ].map(([c, n]) => receiver.handle(postOf(messageOf(c as number, n as number))))
    expect(receiver.running).toBe(5)
    await receiver.close({ timeout: 20 })
    expect(seen).toEqual([1, 2])
    expect(
      stream.letters.map((letter) => [letter.reason, (letter.payload as typeof message).message.id]),
    ).toEqual([
      ['shutdown', 1],
      ['shutdown', 2],
      ['shutdown', 3],
      ['shutdown', 4],
      ['shutdown', 5],
    ])
    // Kept, so answered 200 (as a running delivery cut by close() is); nothing started after the deadline.
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
    await sleep(5)
    expect(seen).toEqual([1, 2])
    expect(receiver.running).toBe(0)
  })
})
