import { Readable } from 'node:stream'
import { describe, expect, test, vi } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { eventNames } from '../../src/index.js'
import { parsed, post, receiverWith, token } from '../helpers.js'

const message = FixtureByEventName['message.incoming']

describe('handle(): the status table', () => {
  test.each(eventNames)('200 and one emit for the %s fixture', async (name) => {
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on(name, seen)
    const response = await receiver.handle(post(FixtureByEventName[name]))
    expect(response.status).toBe(200)
    expect(parsed(response)).toEqual({ ok: true })
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(seen).toHaveBeenCalledOnce()
    expect(seen.mock.calls[0]?.[0]).toMatchObject({ name, payload: FixtureByEventName[name] })
  })

  test.each(['GET', 'PUT', 'HEAD', undefined])('405 with Allow: POST for %s', async (method) => {
    const response = await receiverWith().handle({ ...post(message), method })
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('POST')
    expect(parsed(response)).toEqual({ error: 'method_not_allowed', message: 'Use POST.' })
  })

  test('401 for a missing or wrong token, and nothing is emitted', async () => {
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on('*', seen)
    for (const url of ['/hook', '/hook?token=wrong', `/hook?token=${token}x`, '/hook?token=']) {
      const response = await receiver.handle({ ...post(message), url })
      expect(response.status).toBe(401)
      expect(parsed(response).error).toBe('unauthorized')
      expect(response.body).not.toContain(token)
    }
    expect(seen).not.toHaveBeenCalled()
  })

  test('the token is accepted from the query, a Bearer header or X-Blinger-Token', async () => {
    const receiver = receiverWith({ dedupe: false })
    const bare = (headers: Record<string, string>) => post(message, { url: '/hook', headers })
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect((await receiver.handle(bare({ authorization: `Bearer ${token}` }))).status).toBe(200)
    expect((await receiver.handle(bare({ authorization: `bearer  ${token}` }))).status).toBe(200)
    expect((await receiver.handle(bare({ 'x-blinger-token': token }))).status).toBe(200)
    expect((await receiver.handle(bare({ authorization: `Basic ${token}` }))).status).toBe(401)
  })

  test('rotation: every token of an array is accepted', async () => {
    const receiver = receiverWith({ token: ['old-token', 'new-token'], dedupe: false })
    expect((await receiver.handle({ ...post(message), url: '/?token=old-token' })).status).toBe(200)
    expect((await receiver.handle({ ...post(message), url: '/?token=new-token' })).status).toBe(200)
    expect((await receiver.handle({ ...post(message), url: '/?token=other' })).status).toBe(401)
  })

  test('allowUnauthenticated lets requests in without a token', async () => {
    const receiver = receiverWith({ token: undefined, allowUnauthenticated: true })
    expect((await receiver.handle({ ...post(message), url: '/' })).status).toBe(200)
  })

  test.each([
    'application/xml',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ])('415 for %s', async (type) => {
    const response = await receiverWith().handle(post(message, { headers: { 'content-type': type } }))
    expect(response.status).toBe(415)
    expect(parsed(response).error).toBe('unsupported_media_type')
  })

  test.each([
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/vnd.blinger+json',
    undefined,
  ])('JSON content type %s is accepted (a missing one is parsed as JSON)', async (type) => {
    const headers = type === undefined ? {} : { 'content-type': type }
    expect((await receiverWith().handle(post(message, { headers }))).status).toBe(200)
  })

  test('413 when the body is over the limit, read no further than the limit', async () => {
    let pulled = 0
    const endless = Readable.from(
      (function* () {
        for (;;) {
          pulled += 1
          yield Buffer.alloc(1024, 0x20)
        }
      })(),
    )
    const response = await receiverWith({ limit: 10_000 }).handle({ ...post(message), stream: endless })
    expect(response.status).toBe(413)
    expect(response.headers.connection).toBe('close')
    expect(parsed(response)).toEqual({
      error: 'payload_too_large',
      message: 'The body is larger than 10000 bytes.',
    })
    expect(pulled).toBeLessThan(40)
  })

  test('413 from a Content-Length over the limit, without reading', async () => {
    const stream = Readable.from([Buffer.from('{}')])
    const response = await receiverWith({ limit: 100 }).handle(
      post(message, { headers: { 'content-length': '101' }, stream }),
    )
    expect(response.status).toBe(413)
    expect(stream.readableDidRead).toBe(false)
  })

  test('413 for an already-parsed string or Buffer over the limit', async () => {
    const big = JSON.stringify({ ...message, padding: 'x'.repeat(200) })
    expect(
      (await receiverWith({ limit: 100 }).handle(post(message, { stream: undefined, body: big }))).status,
    ).toBe(413)
    const buffer = Buffer.from(big)
    expect(
      (await receiverWith({ limit: 100 }).handle(post(message, { stream: undefined, body: buffer }))).status,
    ).toBe(413)
  })

  test('408 when the body trickles in slower than readTimeout', async () => {
    const slow = new Readable({ read() {} })
    slow.push('{"webhook":')
    const response = await receiverWith({ readTimeout: 50 }).handle({ ...post(message), stream: slow })
    expect(response.status).toBe(408)
    expect(parsed(response).error).toBe('request_timeout')
  })

  test('a duplicate: 200 with `duplicate: true`, and no second emit', async () => {
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on('message.incoming', seen)
    expect(parsed(await receiver.handle(post(message)))).toEqual({ ok: true })
    const again = await receiver.handle(post(message))
    expect(again.status).toBe(200)
    expect(parsed(again)).toEqual({ ok: true, duplicate: true })
    expect(seen).toHaveBeenCalledOnce()
  })

  test.each([
    ['malformed JSON', '{"webhook": "on_user_new",', 'invalid_json'],
    ['an empty body', '', 'invalid_json'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_json'],
    ['an array', '[]', 'not_an_object'],
    ['a string', '"on_user_new"', 'not_an_object'],
    ['null', 'null', 'not_an_object'],
    ['{}', '{}', 'missing_webhook'],
    ['a numeric webhook', '{"webhook": 3}', 'missing_webhook'],
  ])('400 for %s', async (_label, body, error) => {
    const response = await receiverWith().handle(post(body))
    expect(response.status).toBe(400)
    expect(parsed(response).error).toBe(error)
  })

  test('400 for JSON nested deeper than the stack allows, never a crash', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect((await receiverWith().handle(post(deep))).status).toBe(400)
  })

  test('a leading BOM is skipped', async () => {
    expect((await receiverWith().handle(post(`\uFEFF${JSON.stringify(message)}`))).status).toBe(200)
  })

  test('422 lists the failing paths, and typed handlers are not called', async () => {
    const receiver = receiverWith()
    const typed = vi.fn()
    const invalid = vi.fn()
    receiver.on('message.incoming', typed).on('*', typed).on('invalid', invalid)
    const response = await receiver.handle(post({ ...message, message: 'plain text, as the old API sent' }))
    expect(response.status).toBe(422)
    expect(parsed(response)).toEqual({
      error: 'invalid_payload',
      message: 'The payload does not match the on_message_incoming schema.',
      issues: [{ path: '/message', message: 'must be object' }],
    })
    expect(typed).not.toHaveBeenCalled()
    expect(invalid).toHaveBeenCalledOnce()
    expect(invalid.mock.calls[0]?.[0]).toMatchObject({
      name: 'message.incoming',
      issues: [{ path: '/message' }],
    })
  })

  test('422 lists at most ten paths', async () => {
    const broken = Object.fromEntries(
      Object.keys(message).map((key) => [key, key === 'webhook' ? message.webhook : []]),
    )
    const issues = parsed(await receiverWith().handle(post(broken))).issues as unknown[]
    expect(issues.length).toBeGreaterThan(1)
    expect(issues.length).toBeLessThanOrEqual(10)
  })

  test('lenient validation emits invalid, runs handlers and answers 200', async () => {
    const receiver = receiverWith({ validation: 'lenient' })
    const typed = vi.fn()
    const invalid = vi.fn()
    receiver.on('message.incoming', typed).on('invalid', invalid)
    const response = await receiver.handle(post({ ...message, message: 'old api' }))
    expect(response.status).toBe(200)
    expect(invalid).toHaveBeenCalledOnce()
    expect(typed).toHaveBeenCalledOnce()
  })

  test('validation off skips the schema', async () => {
    const receiver = receiverWith({ validation: 'off' })
    const invalid = vi.fn()
    receiver.on('invalid', invalid)
    expect((await receiver.handle(post({ webhook: 'on_user_new' }))).status).toBe(200)
    expect(invalid).not.toHaveBeenCalled()
  })

  test('an unknown webhook gets 200 and is emitted as unknown and *', async () => {
    const receiver = receiverWith()
    const unknown = vi.fn()
    const all = vi.fn()
    receiver.on('unknown', unknown).on('*', all)
    const response = await receiver.handle(post({ webhook: 'on_conversation_deleted', id: 1 }))
    expect(response.status).toBe(200)
    expect(unknown).toHaveBeenCalledOnce()
    expect(unknown.mock.calls[0]?.[0]).toMatchObject({ name: 'unknown', webhook: 'on_conversation_deleted' })
    expect(all).toHaveBeenCalledOnce()
  })
})

describe('handle(): bodies an app parser already read', () => {
  /** A stream an app parser has read to its end. */
  const consumedStream = async () => {
    const stream = Readable.from([Buffer.from('{}')])
    for await (const _ of stream);
    return stream
  }

  test('a parsed object (express.json) is used as is', async () => {
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on('message.incoming', seen)
    const response = await receiver.handle(
      post(message, { body: structuredClone(message), stream: await consumedStream() }),
    )
    expect(response.status).toBe(200)
    expect(seen.mock.calls[0]?.[0].payload).toEqual(message)
  })

  test('a string (express.text) and a Buffer (express.raw) are parsed', async () => {
    const receiver = receiverWith({ dedupe: false })
    const text = JSON.stringify(message)
    expect(
      (await receiver.handle(post(message, { body: text, stream: await consumedStream() }))).status,
    ).toBe(200)
    expect(
      (await receiver.handle(post(message, { body: Buffer.from(text), stream: await consumedStream() })))
        .status,
    ).toBe(200)
  })

  test('an unread stream wins over a placeholder body (Express 4 sets req.body = {})', async () => {
    const response = await receiverWith().handle(post(message, { body: {} }))
    expect(response.status).toBe(200)
  })

  test('a parsed body and the same raw body get the same delivery id', async () => {
    const receiver = receiverWith()
    const ids: string[] = []
    receiver.on('*', (event) => {
      ids.push(event.id)
    })
    await receiver.handle(post(message, { body: structuredClone(message), stream: await consumedStream() }))
    const again = await receiver.handle(
      post(message, { body: JSON.parse(JSON.stringify(message, null, 2)), stream: await consumedStream() }),
    )
    expect(again.status).toBe(200)
    expect(ids).toHaveLength(1)
  })

  test('a stream that ended with no body left gets 500 body_unavailable and an error event', async () => {
    const receiver = receiverWith()
    const errors = vi.fn()
    receiver.on('error', errors)
    const response = await receiver.handle(post(message, { stream: await consumedStream() }))
    expect(response.status).toBe(500)
    expect(parsed(response).error).toBe('body_unavailable')
    expect(errors.mock.calls[0]?.[0]).toMatchObject({ code: 'body_unavailable' })
  })

  test('a non-object parsed body gets 400', async () => {
    const response = await receiverWith().handle(post(message, { body: 42, stream: await consumedStream() }))
    expect(response.status).toBe(400)
  })

  test('a web ReadableStream is read too', async () => {
    const stream = new Blob([JSON.stringify(message)]).stream()
    expect((await receiverWith().handle(post(message, { stream }))).status).toBe(200)
  })

  test('a web ReadableStream over the limit gets 413', async () => {
    const stream = new Blob([JSON.stringify(message)]).stream()
    expect((await receiverWith({ limit: 100 }).handle(post(message, { stream }))).status).toBe(413)
  })
})
