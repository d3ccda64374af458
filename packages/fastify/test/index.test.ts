import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'fastify-test-token'
const fixture = FixtureByEventName['message.incoming']
const payload = JSON.stringify(fixture)

const apps: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

function createApp() {
  const app = Fastify()
  apps.push(app)
  return app
}

function deliver(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  return app.inject({ method: 'POST', url: `${url}?token=${token}`, headers, payload })
}

describe('where the route is', () => {
  test('defaults to /webhooks/blinger, and fastify.inject() works', async () => {
    const app = createApp()
    const hooks = blingerWebhooks({ token })
    const seen = vi.fn()
    hooks.on('message.incoming', seen)
    await app.register(hooks)
    const response = await deliver(app, '/webhooks/blinger')
    expect([response.statusCode, response.json()]).toEqual([200, { ok: true }])
    expect(seen.mock.calls[0]?.[0].payload).toEqual(fixture)
  })

  test('`prefix` applies, and register options override `path`', async () => {
    const app = createApp()
    await app.register(blingerWebhooks({ token, path: '/ignored' }), { prefix: '/api', path: '/blinger' })
    await app.register(blingerWebhooks({ token }), { prefix: '/v2' })
    await app.register(blingerWebhooks({ token, path: '/custom' }))
    expect((await deliver(app, '/api/blinger')).statusCode).toBe(200)
    expect((await deliver(app, '/v2/webhooks/blinger')).statusCode).toBe(200)
    expect((await deliver(app, '/custom')).statusCode).toBe(200)
    expect((await deliver(app, '/api/ignored')).statusCode).toBe(404)
  })

  test('every method reaches the receiver: GET gets our 405', async () => {
    const app = createApp()
    await app.register(blingerWebhooks({ token }))
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await app.inject({ method, url: '/webhooks/blinger' })
      expect(response.statusCode).toBe(405)
      expect(response.headers.allow).toBe('POST')
      expect(response.json()).toMatchObject({ error: 'method_not_allowed' })
    }
  })
})

describe('parsers stay inside the plugin', () => {
  test("the app's JSON parser still parses its other routes, and no catch-all leaks out", async () => {
    const app = createApp()
    await app.register(blingerWebhooks({ token }))
    app.post('/other', async (request) => ({ received: request.body }))
    const json = await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } })
    expect(json.json()).toEqual({ received: { a: 1 } })
    const xml = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    })
    expect(xml.statusCode).toBe(415)
    expect(xml.json()).toMatchObject({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })
  })

  test("the app's catch-all parser does not reach the receiver: the core still answers 415 and 413", async () => {
    const app = createApp()
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, buffer, done) => done(null, buffer))
    await app.register(blingerWebhooks({ token, limit: 100 }))
    const xml = await deliver(app, '/webhooks/blinger', { 'content-type': 'application/xml' })
    expect([xml.statusCode, xml.json().error]).toEqual([415, 'unsupported_media_type'])
    const big = await deliver(app, '/webhooks/blinger')
    expect([big.statusCode, big.json().error]).toEqual([413, 'payload_too_large'])
  })

  test('a body without Content-Type is read as JSON', async () => {
    const app = createApp()
    await app.register(blingerWebhooks({ token }))
    expect((await deliver(app, '/webhooks/blinger', {})).statusCode).toBe(200)
  })

  test("Fastify's bodyLimit does not apply: the receiver's `limit` does", async () => {
    const app = Fastify({ bodyLimit: 100 })
    apps.push(app)
    await app.register(blingerWebhooks({ token }))
    expect((await deliver(app, '/webhooks/blinger')).statusCode).toBe(200)
  })
})

test('plugin metadata: named, encapsulated, two instances side by side', async () => {
  const first = blingerWebhooks({ token, path: '/one' })
  const second = blingerWebhooks({ token, path: '/two' })
  expect(Reflect.get(first, Symbol.for('fastify.display-name'))).toBe('@blinger-webhooks/fastify')
  expect(Reflect.get(first, Symbol.for('skip-override'))).toBe(false)
  const app = createApp()
  const [one, two] = [vi.fn(), vi.fn()]
  first.on('*', one)
  second.on('*', two)
  await app.register(first)
  await app.register(second)
  expect((await deliver(app, '/one')).statusCode).toBe(200)
  expect((await deliver(app, '/two')).statusCode).toBe(200)
  expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 1])
})

test('on, once and off return the plugin, for chaining', () => {
  const hooks = blingerWebhooks({ token })
  const listener = () => {}
  expect(hooks.on('*', listener).once('error', listener).off('*', listener)).toBe(hooks)
})

describe('shutdown (issue 23)', () => {
  test('app.close() drains: a handler running after its 200 finishes before close resolves', async () => {
    const app = Fastify()
    const hooks = blingerWebhooks({ token, ack: 'immediately' })
    let finished = false
    hooks.on('message.incoming', async () => {
      await new Promise((resolve) => setTimeout(resolve, 80))
      finished = true
    })
    await app.register(hooks)
    expect((await deliver(app, '/webhooks/blinger')).statusCode).toBe(200)
    expect(hooks.running).toBe(1)
    await app.close()
    expect(finished).toBe(true)
    expect(hooks.running).toBe(0)
  })
})
