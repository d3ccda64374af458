import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'
import request from 'supertest'
import { afterEach, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

// Issue 24 (§3): a body parser mounted before the webhook answers the longest conversations with its own
// 413, silently. The first delivery that arrives parsed now says so, once. And the README's advice for
// @koa/router (the router before bodyParser) emptied the JSON bodies of the app's other routes.

const token = 'koa-test-token-0123456789'
const path = '/webhooks/blinger'
const fixture = FixtureByEventName['conversation.closed']
const body = JSON.stringify(fixture)

afterEach(() => {
  vi.restoreAllMocks()
})

function deliver(app: Koa, payload = body) {
  return request(app.callback())
    .post(`${path}?token=${token}`)
    .set('content-type', 'application/json')
    .send(payload)
}

test('behind @koa/bodyparser: one warning naming it, its limit and the fix', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const app = new Koa()
  app.use(bodyParser())
  app.use(blingerWebhooks({ token, path }))
  expect((await deliver(app)).status).toBe(200)
  expect((await deliver(app)).status).toBe(200)
  expect(warn).toHaveBeenCalledOnce()
  const line = String(warn.mock.calls[0]?.[0])
  expect(line).toMatch(/^\[@blinger-webhooks\/koa\] @koa\/bodyparser/)
  expect(line).toContain('1 MB by default')
  expect(line).toContain('413')
  expect(line).toContain("bodyParser({ jsonLimit: '5mb' })")
  expect(line).toContain('mount the webhook before the parser')
  expect(line).not.toContain(token)
  expect(line).not.toContain(String(fixture.conversation.id))
})

test('a parser that left only ctx.request.body is named as such', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const app = new Koa()
  app.use(async (ctx, next) => {
    let text = ''
    for await (const chunk of ctx.req) text += chunk
    ctx.request.body = JSON.parse(text)
    await next()
  })
  app.use(blingerWebhooks({ token, path }))
  expect((await deliver(app)).status).toBe(200)
  expect(String(warn.mock.calls[0]?.[0])).toContain('A body parser that set ctx.request.body')
})

test('a parser that skipped the content type (body = {}, stream unread) is not warned about', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const app = new Koa()
  app.use(bodyParser({ enableTypes: ['form'] }))
  app.use(blingerWebhooks({ token, path }))
  expect((await deliver(app)).status).toBe(200)
  expect(warn).not.toHaveBeenCalled()
})

// The mounting orders the README gives: the webhook before the parser, and the app's routes still parsed.
const mountings: [string, (app: Koa, hooks: ReturnType<typeof blingerWebhooks>) => void][] = [
  [
    'app.use(hooks) with path, then bodyParser, then the app router',
    (app, hooks) => {
      app.use(hooks)
      app.use(bodyParser())
      app.use(appRouter().routes())
    },
  ],
  [
    'a router of its own for the webhook, then bodyParser, then the app router',
    (app, hooks) => {
      const webhook = new Router()
      webhook.post(path, hooks)
      app.use(webhook.routes())
      app.use(bodyParser())
      app.use(appRouter().routes())
    },
  ],
]

function appRouter() {
  const router = new Router()
  router.post('/notes', (ctx) => {
    ctx.body = { received: ctx.request.body ?? null }
  })
  return router
}

test.each(mountings)('%s: deliveries unparsed, other routes parsed, no warning', async (_, mount) => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const app = new Koa()
  const hooks = blingerWebhooks({ token, path })
  const seen = vi.fn()
  hooks.on('conversation.closed', seen)
  mount(app, hooks)
  // 1.1 MB: over @koa/bodyparser's default 1 MB, under the receiver's 5 MiB.
  const long = JSON.stringify({ ...fixture, padding: 'x'.repeat(1_100_000) })
  expect((await deliver(app, long)).status).toBe(200)
  expect(seen).toHaveBeenCalledOnce()
  const notes = await request(app.callback()).post('/notes').send({ a: 1 })
  expect(notes.body).toEqual({ received: { a: 1 } })
  expect(warn).not.toHaveBeenCalled()
})

test('the old advice, one router mounted before bodyParser, leaves the other routes unparsed', async () => {
  const app = new Koa()
  const router = appRouter()
  router.post(path, blingerWebhooks({ token }))
  app.use(router.routes())
  app.use(bodyParser())
  const notes = await request(app.callback()).post('/notes').send({ a: 1 })
  expect(notes.body).toEqual({ received: null })
})
