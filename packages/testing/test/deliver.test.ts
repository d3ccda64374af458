import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AnyWebhookEvent, createReceiver } from '@blinger-webhooks/core'
import { attachEmitter } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeliverError, deliver } from '../src/index.js'
import { serve } from './serve.js'

const token = 'test-token'

describe('deliver in process', () => {
  it('calls handle() with the token in the query and returns status, body and the emitted event', async () => {
    const receiver = createReceiver({ token })
    const seen = vi.fn()
    receiver.on('message.incoming', (event) => seen(event.payload.message.message))
    const result = await deliver(receiver, 'message.incoming', { message: { message: 'Hello' } }, { token })
    expect(result.status).toBe(200)
    expect(result.body).toEqual({ ok: true })
    expect(result.text).toBe('{"ok":true}')
    expect(result.headers['content-type']).toContain('application/json')
    expect(seen).toHaveBeenCalledWith('Hello')
    expect(result.event?.name).toBe('message.incoming')
    expect(result.event?.payload.message.message).toBe('Hello')
  })

  it('sends the token as a bearer header when asked', async () => {
    const receiver = createReceiver({ token })
    const handle = vi.spyOn(receiver, 'handle')
    const result = await deliver(receiver, 'user.new', {}, { token, tokenIn: 'header' })
    expect(result.status).toBe(200)
    expect(handle.mock.calls[0]?.[0]).toMatchObject({
      url: '/',
      headers: { authorization: `Bearer ${token}` },
    })
  })

  it('gives 401 and no event for a wrong or missing token', async () => {
    const receiver = createReceiver({ token })
    const wrong = await deliver(receiver, 'message.incoming', {}, { token: 'nope' })
    expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized' }, event: undefined })
    expect((await deliver(receiver, 'message.incoming')).status).toBe(401)
  })

  it('accepts an adapter value carrying .receiver', async () => {
    const receiver = createReceiver({ token })
    const middleware = attachEmitter(() => {}, receiver)
    const result = await deliver(middleware, 'conversation.closed', {}, { token })
    expect(result.status).toBe(200)
    expect(result.event?.payload.conversation.id).toBe(
      FixtureByEventName['conversation.closed'].conversation.id,
    )
  })

  it('sends a payload as given: a broken one gets 422 with its failing paths', async () => {
    const receiver = createReceiver({ token })
    const result = await deliver(receiver, { webhook: 'on_message_incoming' }, { token })
    expect(result.status).toBe(422)
    expect(result.body).toMatchObject({
      error: 'invalid_payload',
      issues: expect.arrayContaining([expect.objectContaining({ path: '/' })]),
    })
    expect(result.event).toBeUndefined()
  })

  it('returns an unknown webhook as an `unknown` event', async () => {
    const receiver = createReceiver({ token })
    const result = await deliver(receiver, { webhook: 'on_something_new', x: 1 }, { token })
    expect(result.status).toBe(200)
    expect(result.event?.name).toBe('unknown')
  })

  it('gives no event for a duplicate', async () => {
    const receiver = createReceiver({ token })
    const first = await deliver(receiver, 'user.new', {}, { token })
    expect(first).toMatchObject({ status: 200, duplicate: false, body: { ok: true } })
    expect(first.event).toBeDefined()
    const again = await deliver(receiver, 'user.new', {}, { token })
    expect(again).toMatchObject({
      status: 200,
      duplicate: true,
      body: { ok: true, duplicate: true },
      event: undefined,
    })
  })

  it('returns a failing handler as 500, with the event it was given', async () => {
    const receiver = createReceiver({ token })
    receiver.on('error', () => {})
    receiver.on('user.new', () => {
      throw new Error('boom')
    })
    const result = await deliver(receiver, 'user.new', {}, { token })
    expect(result).toMatchObject({ status: 500, body: { error: 'handler_failed' } })
    expect(result.event?.name).toBe('user.new')
  })

  it('captures each concurrent delivery its own event, and leaves no listener behind', async () => {
    const receiver = createReceiver({ token })
    const off = vi.spyOn(receiver, 'off')
    const results = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        deliver(receiver, 'message.incoming', { message: { message: text } }, { token }),
      ),
    )
    expect(results.map((result) => result.event?.payload.message.message)).toEqual(['a', 'b', 'c'])
    expect(off).toHaveBeenCalledTimes(3)
  })

  it('rejects overrides that make an invalid payload before sending anything', async () => {
    const receiver = createReceiver({ token })
    const handle = vi.spyOn(receiver, 'handle')
    await expect(deliver(receiver, 'message.incoming', { message: { id: -0.5 } }, { token })).rejects.toThrow(
      /invalid payload/,
    )
    expect(handle).not.toHaveBeenCalled()
  })
})

describe('deliver to a URL', () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })

  it('POSTs JSON with ?token= and returns status and body; event only when observing', async () => {
    const receiver = createReceiver({ token })
    const { url, close } = await serve(receiver)
    closers.push(close)
    const blind = await deliver(url, 'comment.incoming', {}, { token })
    expect(blind).toMatchObject({ status: 200, body: { ok: true }, event: undefined })

    const observed = await deliver(new URL(url), 'comment.outgoing', {}, { token, observe: receiver })
    expect(observed.status).toBe(200)
    expect(observed.event?.name).toBe('comment.outgoing')
  })

  it('keeps a token already in the URL, and can send it as a header instead', async () => {
    const receiver = createReceiver({ token })
    const { url, close } = await serve(receiver)
    closers.push(close)
    expect((await deliver(`${url}?token=${token}`, 'user.new')).status).toBe(200)
    expect((await deliver(url, 'message.outgoing', {}, { token, tokenIn: 'header' })).status).toBe(200)
    expect((await deliver(url, 'message.incoming', {}, { token: 'wrong' })).status).toBe(401)
  })

  it('returns a non-JSON answer as text', async () => {
    const server = createServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo
    const result = await deliver(`http://127.0.0.1:${port}/`, 'user.new')
    expect(result).toMatchObject({ status: 404, body: '<h1>Not found</h1>', text: '<h1>Not found</h1>' })
  })

  it('returns a redirect as it is: the payload and the token in its URL never go to another address', async () => {
    const hits: string[] = []
    const elsewhere = createServer((req, res) => {
      hits.push(req.url ?? '')
      res.end('{}')
    })
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => elsewhere.close(() => resolve())))
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/stolen`
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: target }).end())
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => redirecting.close(() => resolve())))
    const { port } = redirecting.address() as AddressInfo
    const result = await deliver(`http://127.0.0.1:${port}/hook`, 'user.new', {}, { token })
    expect(result.status).toBe(307)
    expect(hits).toEqual([])
  })

  it('rejects with one line naming the URL without its token when nothing answers', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    const failure = await deliver(
      `http://127.0.0.1:${port}/hook?token=secret`,
      'user.new',
      {},
      { token: 'secret2' },
    ).catch((error: unknown) => error as Error)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toBe(
      `[@blinger-webhooks/testing] POST http://127.0.0.1:${port}/hook failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    )
    // The same parts as fields, so a tool prints its own line without parsing the message.
    expect(failure).toBeInstanceOf(DeliverError)
    expect(failure).toMatchObject({
      url: `http://127.0.0.1:${port}/hook`,
      reason: `connect ECONNREFUSED 127.0.0.1:${port}`,
    })
  })

  it('rejects after `timeout` ms when the server never answers', async () => {
    const server = createServer(() => {})
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    closers.push(() => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    })
    const { port } = server.address() as AddressInfo
    await expect(deliver(`http://127.0.0.1:${port}/`, 'user.new', {}, { timeout: 100 })).rejects.toThrow(
      /no answer within 100 ms$/,
    )
  })

  it('explains a port that fetch refuses to use', async () => {
    await expect(deliver('http://127.0.0.1:6000/', 'user.new')).rejects.toThrow(
      /fetch does not allow this port/,
    )
  })

  it('rejects a target that is not a URL', async () => {
    await expect(deliver('not a url', 'user.new')).rejects.toThrow(
      '[@blinger-webhooks/testing] Not a URL: not a url',
    )
  })
})

describe('event typing at runtime', () => {
  it('the event is the one handlers saw', async () => {
    const receiver = createReceiver({ token })
    let handled: AnyWebhookEvent | undefined
    receiver.on('*', (event) => {
      handled = event
    })
    const { event } = await deliver(receiver, 'conversation.assigned', {}, { token })
    expect(event).toBe(handled)
  })
})
