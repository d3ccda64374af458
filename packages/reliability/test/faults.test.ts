import type { AnyWebhookEvent, DedupeStore, ReceiverOptions, WebhookError } from '@blinger-webhooks/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { postJson, stacks, startApp, uniqueDelivery } from './support/index.js'

const token = 'faults-token-6a0e3d'
const handlerTimeout = 200

type Behaviour = (event: AnyWebhookEvent) => unknown

/** The message id each delivery carries, which picks its handler's behaviour. */
const idOf = (event: AnyWebhookEvent) => (event.payload as { message?: { id?: unknown } }).message?.id

const escaped: unknown[] = []
const onEscape = (reason: unknown) => {
  escaped.push(reason)
}
beforeAll(() => {
  process.on('unhandledRejection', onEscape)
})
afterAll(() => {
  process.off('unhandledRejection', onEscape)
  // Nothing a handler or a store did got past the receiver.
  expect(escaped).toEqual([])
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** An app whose handler for delivery `n` behaves as `behaviours.get(n)` says; records calls and errors. */
async function faultyApp(stack: (typeof stacks)[number], options: Partial<ReceiverOptions> = {}) {
  const app = await startApp(stack, { token, handlerTimeout, ...options })
  const behaviours = new Map<number, Behaviour>()
  const calls = new Map<number, number>()
  const errors: WebhookError[] = []
  app.hooks.on('message.incoming', (event) => {
    const id = idOf(event) as number
    calls.set(id, (calls.get(id) ?? 0) + 1)
    return behaviours.get(id)?.(event)
  })
  app.hooks.on('error', (error) => {
    errors.push(error)
  })
  return { app, behaviours, calls, errors }
}

describe.each(stacks)('%s: failing handlers', (stack) => {
  let subject: Awaited<ReturnType<typeof faultyApp>>
  let seq = 5_000_000
  beforeAll(async () => {
    subject = await faultyApp(stack)
  })
  afterAll(() => subject.app.close())
  beforeEach(() => {
    seq += 10
  })

  const send = (n: number) => postJson(subject.app.origin, token, uniqueDelivery(n))
  const stillServing = async () => expect((await send(seq + 9)).status).toBe(200)

  test.each<[string, Behaviour]>([
    [
      'throws',
      () => {
        throw new Error('sync failure')
      },
    ],
    ['rejects', async () => Promise.reject(new Error('async failure'))],
    [
      'rejects from a timer',
      () => new Promise((_, reject) => setTimeout(() => reject(new Error('timer failure')), 20)),
    ],
    ['rejects with a non-Error', () => Promise.reject(undefined)],
  ])(
    'a handler that %s: 500, reported on error, not marked as seen, and the server keeps serving',
    async (_label, behaviour) => {
      const errorsBefore = subject.errors.length
      let failures = 1
      subject.behaviours.set(seq, (event) => {
        if (failures-- > 0) return behaviour(event)
      })
      const first = await send(seq)
      expect(first.status).toBe(500)
      expect(JSON.parse(first.text)).toMatchObject({ error: 'handler_failed' })
      const reported = subject.errors.slice(errorsBefore)
      expect(reported).toHaveLength(1)
      expect(reported[0]?.code).toBe('handler_failed')
      expect(idOf(reported[0]?.event as AnyWebhookEvent)).toBe(seq)
      // The retry Blinger makes after a 500 is processed again, not dropped as a duplicate.
      await vi.waitFor(async () => expect((await send(seq)).status).toBe(200))
      expect(subject.calls.get(seq)).toBe(2)
      await stillServing()
    },
  )

  test('a handler that never settles: 200 at handlerTimeout, its signal aborted, and the server keeps serving', async () => {
    let signal: AbortSignal | undefined
    subject.behaviours.set(seq, (event) => {
      signal = event.signal
      return new Promise(() => {})
    })
    const started = performance.now()
    expect((await send(seq)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(handlerTimeout - 20)
    expect(signal?.aborted).toBe(true)
    await stillServing()
  })

  test('a handler that rejects after handlerTimeout: 200 in time, then error, and the id is released', async () => {
    const errorsBefore = subject.errors.length
    let failures = 1
    subject.behaviours.set(seq, async () => {
      if (failures-- <= 0) return
      await wait(handlerTimeout + 100)
      throw new Error('late failure')
    })
    expect((await send(seq)).status).toBe(200)
    await vi.waitFor(() => expect(subject.errors.length).toBe(errorsBefore + 1))
    expect(subject.errors.at(-1)?.code).toBe('handler_failed')
    expect((await send(seq)).status).toBe(200)
    expect(subject.calls.get(seq)).toBe(2)
  })

  test('fifty failing deliveries at once: every one 500, every one reported, the server keeps serving', async () => {
    const errorsBefore = subject.errors.length
    const ids = Array.from({ length: 50 }, (_, i) => 6_000_000 + seq * 100 + i)
    for (const id of ids)
      subject.behaviours.set(id, async () => {
        await wait(5)
        throw new Error(`failure ${id}`)
      })
    const statuses = await Promise.all(ids.map(async (id) => (await send(id)).status))
    expect(statuses.every((status) => status === 500)).toBe(true)
    expect(subject.errors.length - errorsBefore).toBe(50)
    await stillServing()
  })
})

describe.each(stacks)('%s: failing error listeners and acks', (stack) => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test('an error listener that throws or rejects changes nothing', async () => {
    const app = await startApp(stack, { token })
    app.hooks.on('error', () => {
      throw new Error('error listener broke')
    })
    app.hooks.on('error', async () => Promise.reject(new Error('error listener rejected')))
    app.hooks.on('message.incoming', () => {
      throw new Error('handler broke')
    })
    expect((await postJson(app.origin, token, uniqueDelivery(7_000_001))).status).toBe(500)
    expect((await postJson(app.origin, token, '{"webhook":"on_other"}')).status).toBe(200)
    await app.close()
  })

  test('with no error listener the failure is logged, never thrown', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = await startApp(stack, { token })
    app.hooks.on('message.incoming', () => {
      throw new Error('handler broke')
    })
    expect((await postJson(app.origin, token, uniqueDelivery(7_000_002))).status).toBe(500)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('(handler_failed)'))
    await app.close()
  })

  test("ack: 'immediately': 200 at once, the failure reaches error, and the id is released", async () => {
    const subject = await faultyApp(stack, { ack: 'immediately' })
    let failures = 1
    subject.behaviours.set(7_000_003, async () => {
      await wait(30)
      if (failures-- > 0) throw new Error('after the ack')
    })
    expect((await postJson(subject.app.origin, token, uniqueDelivery(7_000_003))).status).toBe(200)
    await vi.waitFor(() => expect(subject.errors).toHaveLength(1))
    await vi.waitFor(async () => {
      expect((await postJson(subject.app.origin, token, uniqueDelivery(7_000_003))).status).toBe(200)
      expect(subject.calls.get(7_000_003)).toBe(2)
    })
    await subject.app.close()
  })
})

describe.each(stacks)('%s: a failing dedupe store', (stack) => {
  const stores: [string, DedupeStore, number][] = [
    [
      'throws on claim',
      {
        claim: () => {
          throw new Error('store down')
        },
        release: () => {},
      },
      503,
    ],
    ['rejects a claim', { claim: () => Promise.reject(new Error('store down')), release: () => {} }, 503],
    ['never answers a claim', { claim: () => new Promise<boolean>(() => {}), release: () => {} }, 503],
    [
      'answers a claim with no boolean',
      { claim: async () => 'OK' as unknown as boolean, release: () => {} },
      503,
    ],
  ]

  test.each(stores)(
    'a store that %s: 503, reported, nothing emitted, still serving',
    async (_label, store, status) => {
      const app = await startApp(stack, { token, dedupe: { store, timeout: 100 } })
      const errors: WebhookError[] = []
      const seen: unknown[] = []
      app.hooks.on('error', (error) => {
        errors.push(error)
      })
      app.hooks.on('*', (event) => {
        seen.push(event)
      })
      const response = await postJson(app.origin, token, uniqueDelivery(8_000_001))
      expect(response.status).toBe(status)
      expect(JSON.parse(response.text)).toMatchObject({ error: 'store_unavailable' })
      expect(errors[0]?.code).toBe('store_failed')
      expect(seen).toEqual([])
      // The process still answers what needs no store.
      expect((await postJson(app.origin, token, '{')).status).toBe(400)
      await app.close()
    },
  )

  test.each<[string, DedupeStore['release']]>([
    [
      'throws',
      () => {
        throw new Error('release failed')
      },
    ],
    ['rejects', () => Promise.reject(new Error('release failed'))],
    ['never answers', () => new Promise<void>(() => {})],
  ])('a store whose release %s: the failed delivery still gets its 500 at once', async (label, release) => {
    const ids = new Set<string>()
    const store: DedupeStore = {
      claim: (id) => {
        if (ids.has(id)) return false
        ids.add(id)
        return true
      },
      release,
    }
    const app = await startApp(stack, { token, dedupe: { store } })
    const errors: WebhookError[] = []
    app.hooks.on('error', (error) => {
      errors.push(error)
    })
    app.hooks.on('message.incoming', () => {
      throw new Error('handler broke')
    })
    expect((await postJson(app.origin, token, uniqueDelivery(8_000_002))).status).toBe(500)
    if (label !== 'never answers')
      await vi.waitFor(() => expect(errors.map((error) => error.code)).toContain('store_failed'))
    await app.close()
  })
})
