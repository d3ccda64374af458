import { AsyncLocalStorage } from 'node:async_hooks'
import { type TracingChannelSubscribers, tracingChannel } from 'node:diagnostics_channel'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { deliveryChannel, handlersChannel } from '../../src/diagnostics/channels.js'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import {
  channelNames,
  createMemoryStore,
  type DedupeStore,
  type DeliveryContext,
  type HandlersContext,
} from '../../src/index.js'
import { post, receiverWith, token } from '../helpers.js'

const message = FixtureByEventName['message.incoming']
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  vi.restoreAllMocks()
})

type Seen<C> = { event: keyof TracingChannelSubscribers<object>; context: C & { error?: unknown } }

/** Subscribes to every event of a tracing channel until the test ends; returns what was published. */
function record<C extends object>(name: string): Seen<C>[] {
  const seen: Seen<C>[] = []
  const channel = tracingChannel<unknown, C>(name)
  const on = (event: Seen<C>['event']) => (context: C) => {
    seen.push({ event, context: { ...context } })
  }
  const subscribers = {
    start: on('start'),
    end: on('end'),
    asyncStart: on('asyncStart'),
    asyncEnd: on('asyncEnd'),
    error: on('error'),
  }
  channel.subscribe(subscribers)
  cleanups.push(() => channel.unsubscribe(subscribers))
  return seen
}

const last = <C>(seen: Seen<C>[]) => seen.at(-1)?.context

describe('the blinger-webhooks:delivery trace', () => {
  test('wraps handle() from start to answer, and its context says what was delivered', async () => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {})
    const body = JSON.stringify(message)
    const response = await receiver.handle(post(body))
    expect(response.status).toBe(200)
    expect(seen.map((each) => each.event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd'])
    expect(seen[0]?.context).toEqual({})
    expect(last(seen)).toMatchObject({
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      payloadSize: Buffer.byteLength(body),
      outcome: 'handled',
      status: 200,
    })
    expect(last(seen)?.id).toMatch(/^[0-9a-f]{64}$/)
  })

  test('never carries the token or a payload value', async () => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const receiver = receiverWith({ validation: 'strict' })
    receiver.on('*', () => {
      throw new Error('boom')
    })
    receiver.on('error', () => {})
    await receiver.handle(post({ ...message, message: { ...message.message, message: 'private-words' } }))
    await receiver.handle(post({ ...message, message: { text: 'not the schema' } }))
    const text = JSON.stringify(seen.map((each) => each.context))
    expect(seen.find((each) => each.context.outcome === 'failed')?.context.failure).toEqual(new Error('boom'))
    expect(text).not.toContain(token)
    expect(text).not.toContain('private-words')
    expect(text).not.toContain('not the schema')
    expect(text).not.toContain(message.conversation_token)
  })

  test.each([
    ['unhandled', 200, {}],
    ['failed', 500, { throws: true }],
    ['accepted', 200, { ack: 'immediately' as const, slow: true }],
    ['handled', 200, { ack: 'after-handlers' as const, slow: true }],
    ['accepted', 200, { handlerTimeout: 20, slow: true, wait: 200 }],
  ])('outcome %s, status %i (%o)', async (outcome, status, setup) => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const { throws, slow, wait, ...options } = setup as {
      throws?: boolean
      slow?: boolean
      wait?: number
      ack?: 'immediately' | 'after-handlers'
      handlerTimeout?: number
    }
    const receiver = receiverWith(options)
    receiver.on('error', () => {})
    if (throws !== undefined || slow !== undefined) {
      receiver.on('message.incoming', async () => {
        if (slow) await new Promise((resolve) => setTimeout(resolve, wait ?? 30))
        if (throws) throw new Error('boom')
      })
    }
    const response = await receiver.handle(post(message))
    expect(response.status).toBe(status)
    expect(last(seen)).toMatchObject({ outcome, status })
    if (outcome === 'failed') expect(last(seen)?.failure).toEqual(new Error('boom'))
  })

  test('outcome duplicate, invalid and failed (store) with their statuses', async () => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const receiver = receiverWith({ dedupe: { store: createMemoryStore() }, validation: 'strict' })
    receiver.on('*', () => {})
    await receiver.handle(post(message))
    await receiver.handle(post(message))
    expect(last(seen)).toMatchObject({ outcome: 'duplicate', status: 200, name: 'message.incoming' })
    await receiver.handle(post({ webhook: 'on_message_incoming' }))
    expect(last(seen)).toMatchObject({ outcome: 'invalid', status: 422, webhook: 'on_message_incoming' })

    const broken: DedupeStore = {
      claim: () => Promise.reject(new Error('down')),
      release: () => {},
    }
    const failing = receiverWith({ dedupe: { store: broken } })
    failing.on('error', () => {})
    await failing.handle(post(message))
    expect(last(seen)).toMatchObject({ outcome: 'failed', status: 503 })
    expect(last(seen)?.failure).toMatchObject({ code: 'store_failed' })
  })

  test.each([
    ['a wrong token', { url: '/hook?token=wrong' }, 401],
    ['a GET', { method: 'GET' }, 405],
    ['bad JSON', { body: '{"webhook":' }, 400],
    ['no webhook field', { body: '{"a":1}' }, 400],
  ])('outcome refused for %s, with its status', async (_, change, status) => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const { body, ...extra } = change as { body?: string }
    await receiverWith().handle(post(body ?? message, extra))
    expect(last(seen)).toMatchObject({ outcome: 'refused', status })
  })

  test('a body the app parsed: its size is the declared Content-Length', async () => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const raw = JSON.stringify(message)
    await receiverWith().handle({
      ...post(message),
      stream: undefined,
      body: message,
      headers: { 'content-type': 'application/json', 'content-length': String(raw.length) },
    })
    expect(last(seen)).toMatchObject({ payloadSize: raw.length, outcome: 'unhandled' })
  })

  test('a store bound to the start channel is what handlers run in', async () => {
    const storage = new AsyncLocalStorage<DeliveryContext>()
    deliveryChannel.start.bindStore(storage, (context) => context)
    cleanups.push(() => deliveryChannel.start.unbindStore(storage))
    const receiver = receiverWith()
    const inside = new Promise<DeliveryContext | undefined>((resolve) => {
      receiver.on('message.incoming', async () => {
        await Promise.resolve()
        resolve(storage.getStore())
      })
    })
    await receiver.handle(post(message))
    expect(await inside).toMatchObject({ name: 'message.incoming', outcome: 'handled' })
  })

  test('handlers given up by close() before the answer: outcome failed, the shutdown error its failure', async () => {
    const seen = record<DeliveryContext>(channelNames.delivery)
    const receiver = receiverWith({ deadLetters: false })
    receiver.on('message.incoming', () => new Promise<void>(() => {}))
    const answer = receiver.handle(post(message))
    await vi.waitFor(() => expect(receiver.running).toBe(1))
    await receiver.close({ timeout: 0 })
    expect((await answer).status).toBe(200)
    expect(last(seen)).toMatchObject({ outcome: 'failed', status: 200, failure: { code: 'shutdown' } })
  })

  test('nobody subscribed: neither trace runs, so no context is made', async () => {
    expect(deliveryChannel.hasSubscribers).toBe(false)
    expect(handlersChannel.hasSubscribers).toBe(false)
    const delivery = vi.spyOn(deliveryChannel, 'tracePromise')
    const handlers = vi.spyOn(handlersChannel, 'tracePromise')
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {})
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(delivery).not.toHaveBeenCalled()
    expect(handlers).not.toHaveBeenCalled()
  })
})

describe('the blinger-webhooks:handlers trace', () => {
  test('wraps the handlers of a delivery, inside its delivery trace', async () => {
    const deliveries = record<DeliveryContext>(channelNames.delivery)
    const seen = record<HandlersContext>(channelNames.handlers)
    const receiver = receiverWith()
    let during = ''
    receiver.on('message.incoming', () => {
      during = deliveries.map((each) => each.event).join()
    })
    await receiver.handle(post(message))
    // `end` closes only the synchronous part: the body is read, and handlers run, after it.
    expect(during).toMatch(/^start(,end)?$/)
    expect(deliveries.at(-1)?.event).toBe('asyncEnd')
    expect(seen.map((each) => each.event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd'])
    expect(last(seen)).toMatchObject({
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      outcome: 'handled',
    })
  })

  test("publishes a failing handler's own error, in receive() too", async () => {
    const seen = record<HandlersContext>(channelNames.handlers)
    const receiver = receiverWith()
    const boom = new Error('boom')
    receiver.on('message.incoming', async () => {
      throw boom
    })
    await expect(receiver.receive(message, { id: 'job-1' })).rejects.toMatchObject({ code: 'handler_failed' })
    expect(seen.map((each) => each.event)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd'])
    expect(last(seen)).toMatchObject({ id: 'job-1', outcome: 'failed', error: boom })
  })

  test('two failing handlers: an AggregateError of both', async () => {
    const seen = record<HandlersContext>(channelNames.handlers)
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {
      throw new Error('one')
    })
    receiver.on('*', () => {
      throw new Error('two')
    })
    await expect(receiver.receive(message)).rejects.toMatchObject({ code: 'handler_failed' })
    expect(last(seen)?.error).toBeInstanceOf(AggregateError)
  })

  test('no listener: no handlers trace', async () => {
    const seen = record<HandlersContext>(channelNames.handlers)
    await receiverWith().receive(message)
    expect(seen).toEqual([])
  })
})
