import { afterEach, describe, expect, test, vi } from 'vitest'
import { FixtureByEventName } from '../src/fixtures/index.js'
import { createReceiver, type DedupeStore, type ReceiverOptions, WebhookError } from '../src/index.js'
import { parsed, post, receiverWith, token } from './helpers.js'

const closed = FixtureByEventName['conversation.closed']
const message = FixtureByEventName['message.incoming']

afterEach(() => {
  vi.useRealTimers()
})

describe('createReceiver()', () => {
  test('without a token it is created, and refuses every request (issue 24: `next build` has no secret)', async () => {
    for (const options of [{}, { token: [] }, { token: '' }, { token: undefined }] as ReceiverOptions[]) {
      const receiver = createReceiver(options)
      const errors = vi.fn()
      receiver.on('error', errors)
      const response = await receiver.handle(post(closed))
      expect(response.status).toBe(500)
      expect(parsed(response)).toMatchObject({ error: 'token_missing' })
      expect(errors).toHaveBeenCalledOnce()
    }
    expect(() => createReceiver({ token: [''] })).toThrow(/non-empty string/)
    expect(() => createReceiver({ allowUnauthenticated: true })).not.toThrow()
  })

  test('rejects bad options at creation', () => {
    expect(() => createReceiver({ token, limit: 0 })).toThrow(/limit must be a positive number/)
    expect(() => createReceiver({ token, handlerTimeout: Number.NaN })).toThrow(/handlerTimeout/)
    // @ts-expect-error: not a mode
    expect(() => createReceiver({ token, validation: 'loose' })).toThrow(/validation must be one of/)
    // @ts-expect-error: not a mode
    expect(() => createReceiver({ token, ack: 'never' })).toThrow(/ack must be one of/)
  })
})

describe('dispatch', () => {
  test('the event carries id, name, webhook, payload, receivedAt and signal', async () => {
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on('conversation.closed', seen)
    await receiver.handle(post(closed))
    const event = seen.mock.calls[0]?.[0]
    expect(event).toMatchObject({
      name: 'conversation.closed',
      webhook: 'on_conversation_closed',
      payload: closed,
    })
    expect(event.id).toMatch(/^[0-9a-f]{64}$/)
    expect(event.receivedAt).toBeInstanceOf(Date)
    expect(event.signal).toBeInstanceOf(AbortSignal)
    expect(event.signal.aborted).toBe(false)
    expect(JSON.stringify(event)).not.toContain(token)
  })

  test('specific, group and * listeners all run, and async ones are awaited', async () => {
    const receiver = receiverWith()
    const order: string[] = []
    receiver
      .on('message.incoming', async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        order.push('specific')
      })
      .on('message', () => {
        order.push('group')
      })
      .on('*', () => {
        order.push('*')
      })
      .on('message.outgoing', () => {
        order.push('wrong')
      })
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(order).toEqual(['group', '*', 'specific'])
  })

  test('once listeners run once; off removes a listener', async () => {
    const receiver = receiverWith({ dedupe: false })
    const once = vi.fn()
    const on = vi.fn()
    receiver.once('user.new', once).on('user.new', on)
    await receiver.handle(post(FixtureByEventName['user.new']))
    receiver.off('user.new', on)
    await receiver.handle(post(FixtureByEventName['user.new']))
    expect(once).toHaveBeenCalledOnce()
    expect(on).toHaveBeenCalledOnce()
  })

  test('a handler that throws gets 500 with no error text, reaches error, and the next delivery gets 200', async () => {
    const receiver = receiverWith()
    const errors = vi.fn()
    receiver.on('error', errors)
    receiver.once('message.incoming', () => {
      throw new Error('secret internal detail at /srv/app.js:12')
    })
    const response = await receiver.handle(post(message))
    expect(response.status).toBe(500)
    expect(parsed(response).error).toBe('handler_failed')
    expect(response.body).not.toContain('secret')
    expect(errors).toHaveBeenCalledOnce()
    const error = errors.mock.calls[0]?.[0] as WebhookError
    expect(error).toBeInstanceOf(WebhookError)
    expect(error.code).toBe('handler_failed')
    expect((error.cause as Error).message).toContain('secret internal detail')
    expect(error.event?.name).toBe('message.incoming')
    expect((await receiver.handle(post(message))).status).toBe(200)
  })

  test('a rejecting async handler gets 500; several failures arrive as an AggregateError', async () => {
    const receiver = receiverWith()
    const errors = vi.fn()
    receiver.on('error', errors)
    receiver
      .on('message.incoming', async () => Promise.reject(new Error('one')))
      .on('*', () => {
        throw new Error('two')
      })
    expect((await receiver.handle(post(message))).status).toBe(500)
    expect(errors.mock.calls[0]?.[0]).toMatchObject({ cause: expect.any(AggregateError) })
  })

  test('without an error listener a failure is logged, never thrown', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {
      throw new Error('boom')
    })
    expect((await receiver.handle(post(message))).status).toBe(500)
    expect(log).toHaveBeenCalledOnce()
    log.mockRestore()
  })

  test('an error listener that throws does not break the receiver', async () => {
    const receiver = receiverWith()
    receiver.on('error', () => {
      throw new Error('error listener broke')
    })
    receiver.on('message.incoming', () => {
      throw new Error('boom')
    })
    expect((await receiver.handle(post(message))).status).toBe(500)
  })
})

describe('dedupe', () => {
  test('a duplicate gets 200, is emitted once, and reaches duplicate', async () => {
    const receiver = receiverWith()
    const seen = vi.fn()
    const duplicate = vi.fn()
    receiver.on('message.incoming', seen).on('duplicate', duplicate)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(seen).toHaveBeenCalledOnce()
    expect(duplicate).toHaveBeenCalledOnce()
    expect(duplicate.mock.calls[0]?.[0]).toMatchObject({
      name: 'message.incoming',
      id: seen.mock.calls[0]?.[0].id,
    })
  })

  test('a delivery whose handlers are still running counts as seen', async () => {
    const receiver = receiverWith()
    const seen = vi.fn(() => new Promise((resolve) => setTimeout(resolve, 50)))
    receiver.on('message.incoming', seen)
    const [first, second] = await Promise.all([
      receiver.handle(post(message)),
      receiver.handle(post(message)),
    ])
    expect([first.status, second.status]).toEqual([200, 200])
    expect(seen).toHaveBeenCalledOnce()
  })

  test('a delivery whose handlers failed is released, so a retry is processed again', async () => {
    const receiver = receiverWith()
    receiver.on('error', () => {})
    let calls = 0
    receiver.on('message.incoming', () => {
      calls += 1
      if (calls === 1) throw new Error('transient')
    })
    expect((await receiver.handle(post(message))).status).toBe(500)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(calls).toBe(2)
  })

  test('ids expire after the TTL', async () => {
    // Real time: the memory store reads `performance.now()`, the monotonic clock.
    const receiver = receiverWith({ dedupe: { ttl: 30 } })
    const seen = vi.fn()
    receiver.on('user.new', seen)
    await receiver.receive(FixtureByEventName['user.new'])
    await receiver.receive(FixtureByEventName['user.new'])
    expect(seen).toHaveBeenCalledOnce()
    await new Promise((resolve) => setTimeout(resolve, 60))
    await receiver.receive(FixtureByEventName['user.new'])
    expect(seen).toHaveBeenCalledTimes(2)
  })

  test('dedupe: false emits every delivery', async () => {
    const receiver = receiverWith({ dedupe: false })
    const seen = vi.fn()
    receiver.on('message.incoming', seen)
    await receiver.handle(post(message))
    await receiver.handle(post(message))
    expect(seen).toHaveBeenCalledTimes(2)
  })

  test('a store that throws or rejects gets 503 and an error event; nothing is emitted', async () => {
    for (const store of [
      { claim: () => Promise.reject(new Error('down')), release: () => {} },
      {
        claim: () => {
          throw new Error('down')
        },
        release: () => {},
      },
    ] satisfies DedupeStore[]) {
      const receiver = receiverWith({ dedupe: { store } })
      const errors = vi.fn()
      const seen = vi.fn()
      receiver.on('error', errors).on('*', seen)
      const response = await receiver.handle(post(message))
      expect(response.status).toBe(503)
      expect(parsed(response).error).toBe('store_unavailable')
      expect(errors.mock.calls[0]?.[0]).toMatchObject({ code: 'store_failed' })
      expect(seen).not.toHaveBeenCalled()
    }
  })

  test('a store that hangs gets 503 after dedupe.timeout', async () => {
    const store: DedupeStore = { claim: () => new Promise(() => {}), release: () => {} }
    const receiver = receiverWith({ dedupe: { store, timeout: 30 } })
    receiver.on('error', () => {})
    expect((await receiver.handle(post(message))).status).toBe(503)
  })

  test('a custom store is claimed with the TTL and released after a failure', async () => {
    const claim = vi.fn(async (_id: string, _ttl: number) => true)
    const release = vi.fn(async (_id: string) => {})
    const receiver = receiverWith({ dedupe: { store: { claim, release }, ttl: 1234 } })
    receiver.on('error', () => {})
    receiver.on('message.incoming', () => {
      throw new Error('x')
    })
    await receiver.handle(post(message))
    expect(claim).toHaveBeenCalledWith(expect.stringMatching(/^[0-9a-f]{64}$/), 1234)
    await vi.waitFor(() => expect(release).toHaveBeenCalledWith(claim.mock.calls[0]?.[0]))
  })
})

describe('ack and handlerTimeout', () => {
  test("ack: 'immediately' answers 200 before a slow handler finishes; its failure goes to error", async () => {
    const receiver = receiverWith({ ack: 'immediately' })
    const errors = vi.fn()
    receiver.on('error', errors)
    let finished = false
    receiver.on('message.incoming', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      finished = true
      throw new Error('late failure')
    })
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(finished).toBe(false)
    await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce())
  })

  test("ack: 'immediately' answers 200 for a synchronous failure too", async () => {
    const receiver = receiverWith({ ack: 'immediately' })
    const errors = vi.fn()
    receiver.on('error', errors).on('message.incoming', () => {
      throw new Error('sync')
    })
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(errors).toHaveBeenCalledOnce()
  })

  test('a handler slower than handlerTimeout gets 200 in time, sees its signal aborted, and still finishes', async () => {
    vi.useFakeTimers()
    const receiver = receiverWith({ handlerTimeout: 1000 })
    let signal: AbortSignal | undefined
    let finished = false
    receiver.on('conversation.closed', async (event) => {
      signal = event.signal
      await new Promise((resolve) => setTimeout(resolve, 5000))
      finished = true
    })
    const response = receiver.handle(post(closed))
    await vi.advanceTimersByTimeAsync(1001)
    expect((await response).status).toBe(200)
    expect(signal?.aborted).toBe(true)
    expect(finished).toBe(false)
    await vi.advanceTimersByTimeAsync(4000)
    expect(finished).toBe(true)
  })

  test('a timed-out handler that later fails reaches error and releases the id', async () => {
    vi.useFakeTimers()
    const receiver = receiverWith({ handlerTimeout: 100 })
    const errors = vi.fn()
    receiver.on('error', errors)
    let calls = 0
    receiver.on('user.new', async () => {
      calls += 1
      await new Promise((resolve) => setTimeout(resolve, 500))
      if (calls === 1) throw new Error('late')
    })
    const first = receiver.handle(post(FixtureByEventName['user.new']))
    await vi.advanceTimersByTimeAsync(600)
    expect((await first).status).toBe(200)
    expect(errors).toHaveBeenCalledOnce()
    const retry = receiver.handle(post(FixtureByEventName['user.new']))
    await vi.advanceTimersByTimeAsync(600)
    expect((await retry).status).toBe(200)
    expect(calls).toBe(2)
  })

  test('the request signal aborts event.signal when the client goes away', async () => {
    const receiver = receiverWith()
    const client = new AbortController()
    let signal: AbortSignal | undefined
    receiver.on('message.incoming', async (event) => {
      signal = event.signal
      client.abort()
    })
    await receiver.handle(post(message, { signal: client.signal }))
    expect(signal?.aborted).toBe(true)
  })
})

describe('receive()', () => {
  test('dispatches a parsed payload, awaits listeners and returns the event', async () => {
    const receiver = receiverWith()
    let done = false
    receiver.on('comment.incoming', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 10))
      done = event.payload.comment.post_title === 'Пост из вк'
    })
    const result = await receiver.receive(FixtureByEventName['comment.incoming'])
    expect(done).toBe(true)
    expect(result.duplicate).toBe(false)
    expect(result.event?.name).toBe('comment.incoming')
    expect((await receiver.receive(FixtureByEventName['comment.incoming'])).duplicate).toBe(true)
  })

  test('takes an explicit id', async () => {
    const result = await receiverWith().receive(message, { id: 'job-1' })
    expect(result.id).toBe('job-1')
    expect(result.event?.id).toBe('job-1')
  })

  test('rejects with WebhookError codes', async () => {
    const receiver = receiverWith()
    await expect(receiver.receive([])).rejects.toMatchObject({ code: 'bad_request' })
    await expect(receiver.receive({ webhook: 1 })).rejects.toMatchObject({ code: 'bad_request' })
    await expect(receiver.receive({ ...message, message: 'x' })).rejects.toMatchObject({
      code: 'invalid_payload',
      issues: [{ path: '/message', message: 'must be object' }],
    })
    receiver.on('user.new', () => {
      throw new Error('handler broke')
    })
    await expect(receiver.receive(FixtureByEventName['user.new'])).rejects.toMatchObject({
      code: 'handler_failed',
    })
  })
})

describe('prototype pollution', () => {
  const poisoned = [
    `{"webhook":"on_user_new","user":{"id":1,"blinger_user_id":2,"name":null,"avatar":null,"application":"vk","service_user_id":null,"date_created":1},"__proto__":{"polluted":true}}`,
    `{"webhook":"on_unknown_thing","constructor":{"prototype":{"polluted":true}},"nested":{"__proto__":{"polluted":true}}}`,
  ]

  test.each(poisoned)(
    'a body with __proto__ / constructor.prototype keys changes no prototype (%#)',
    async (body) => {
      const receiver = receiverWith({ validation: 'off' })
      const seen = vi.fn()
      receiver.on('*', (event) => {
        // What a careless handler would do: merge the payload into a fresh object.
        seen(Object.assign({}, event.payload, (event.payload as Record<string, unknown>).nested))
      })
      expect((await receiver.handle(post(body))).status).toBe(200)
      const merged = seen.mock.calls[0]?.[0] as Record<string, unknown>
      expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(merged.polluted).toBeUndefined()
      expect(Object.hasOwn(merged, '__proto__')).toBe(false)
    },
  )

  test('a parsed body (express.json keeps __proto__ as data) is cleaned too', async () => {
    const receiver = receiverWith({ validation: 'off' })
    const seen = vi.fn()
    receiver.on('*', (event) => seen(Object.assign({}, event.payload)))
    const body = JSON.parse(poisoned[0] as string)
    const { Readable } = await import('node:stream')
    const stream = Readable.from([Buffer.from('{}')])
    for await (const _ of stream);
    expect((await receiver.handle(post('', { body, stream }))).status).toBe(200)
    expect(seen.mock.calls[0]?.[0]).not.toHaveProperty('polluted')
  })
})
