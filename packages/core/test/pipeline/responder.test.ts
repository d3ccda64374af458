import { AsyncLocalStorage } from 'node:async_hooks'
import { Readable } from 'node:stream'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { deliveryChannel } from '../../src/diagnostics/channels.js'
import type { HandleRequest, HandleResponse } from '../../src/pipeline/handle-types.js'
import { responderOf } from '../../src/pipeline/responder.js'
import { post, receiverWith } from '../helpers.js'

const message = FixtureByEventName['message.incoming']
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A request whose body stream ends only when `end()` is called, so a test can watch its `'end'` event. */
function openRequest(): { request: HandleRequest; stream: Readable; end: () => void } {
  const stream = new Readable({ read() {} })
  const request = post('', { stream: stream as HandleRequest['stream'] })
  return {
    request,
    stream,
    end: () => {
      stream.push(Buffer.from(JSON.stringify(message)))
      stream.push(null)
    },
  }
}

test("a delivery whose steps are all synchronous is answered in the microtask that carries its body in, before handle()'s promise could be", async () => {
  const receiver = receiverWith({}) // the memory store answers at once; the listener is synchronous
  receiver.on('message.incoming', () => {})
  const { request, stream, end } = openRequest()
  const reply = vi.fn()
  responderOf(receiver)(request, reply, vi.fn())
  // Added after the pipeline's own `'end'` listener, so this microtask is queued right after the body's: the
  // answer is in by then. Through `handle()` and a `then`, it would come one microtask later.
  let repliedBy: number | undefined
  stream.on('end', () => {
    queueMicrotask(() => {
      repliedBy = reply.mock.calls.length
    })
  })
  end()
  await vi.waitFor(() => expect(reply).toHaveBeenCalledOnce())
  expect(repliedBy).toBe(1)
  expect(reply.mock.calls[0]?.[0]).toMatchObject({ status: 200 })
})

test("the caller's async context (AsyncLocalStorage, an OpenTelemetry span) reaches the handlers and the reply", async () => {
  const context = new AsyncLocalStorage<string>()
  const receiver = receiverWith({})
  const seen: (string | undefined)[] = []
  receiver.on('message.incoming', () => {
    seen.push(context.getStore())
  })
  const { request, end } = openRequest()
  const reply = vi.fn(() => {
    seen.push(context.getStore())
  })
  context.run('request 1', () => responderOf(receiver)(request, reply, vi.fn()))
  end() // outside the context, as a server's parser pushes the body
  await vi.waitFor(() => expect(reply).toHaveBeenCalledOnce())
  expect(seen).toEqual(['request 1', 'request 1'])
})

test('an async listener is answered once it settles, through the same callback', async () => {
  const receiver = receiverWith({})
  let release = () => {}
  receiver.on('message.incoming', () => new Promise<void>((resolve) => (release = resolve)))
  const { request, end } = openRequest()
  const reply = vi.fn()
  responderOf(receiver)(request, reply, vi.fn())
  end()
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(reply).not.toHaveBeenCalled()
  release()
  await vi.waitFor(() => expect(reply).toHaveBeenCalledOnce())
  expect(reply.mock.calls[0]?.[0]).toMatchObject({ status: 200 })
})

test('a throw inside the pipeline goes to fail, never out of the call (a node:http listener would crash the process)', () => {
  const receiver = receiverWith({})
  const headers = new Proxy(
    {},
    {
      get() {
        throw new Error('a bug in the core')
      },
    },
  )
  const [reply, fail] = [vi.fn(), vi.fn()]
  expect(() => responderOf(receiver)({ ...post(message), headers }, reply, fail)).not.toThrow()
  expect(fail).toHaveBeenCalledWith(new Error('a bug in the core'))
  expect(reply).not.toHaveBeenCalled()
})

test('while someone traces deliveries, the responder answers through the traced handle()', async () => {
  const ends = vi.fn()
  const subscribers = { start() {}, end() {}, asyncStart() {}, asyncEnd: ends, error() {} }
  deliveryChannel.subscribe(subscribers)
  cleanups.push(() => deliveryChannel.unsubscribe(subscribers))
  const receiver = receiverWith({})
  receiver.on('message.incoming', () => {})
  const reply = vi.fn()
  responderOf(receiver)(post(message), reply, vi.fn())
  await vi.waitFor(() => expect(reply).toHaveBeenCalledOnce())
  expect(reply.mock.calls[0]?.[0]).toMatchObject({ status: 200 })
  expect(ends).toHaveBeenCalledOnce()
})

test('an object with only handle() (a test double) is answered through its promise', async () => {
  const response: HandleResponse = { status: 202, headers: {}, body: '{}' }
  const double = { handle: vi.fn(async () => response) }
  const reply = vi.fn()
  responderOf(double)(post(message), reply, vi.fn())
  await vi.waitFor(() => expect(reply).toHaveBeenCalledWith(response))
})
