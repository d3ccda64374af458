import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'
import request from 'supertest'
import { describe, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'koa-test-token'
const path = '/webhooks/blinger'
const fixture = FixtureByEventName['message.incoming']
const body = JSON.stringify(fixture)

function deliver(app: Koa, url = `${path}?token=${token}`) {
  return request(app.callback()).post(url).set('content-type', 'application/json').send(body)
}

describe('mount styles', () => {
  test.each([false, true])(
    'router.post(path, hooks) without `path` (body parser first: %s)',
    async (parse) => {
      const app = new Koa()
      const router = new Router()
      const hooks = blingerWebhooks({ token })
      const seen = vi.fn()
      hooks.on('message.incoming', seen)
      router.post(path, hooks)
      if (parse) app.use(bodyParser())
      app.use(router.routes())
      expect((await deliver(app)).status).toBe(200)
      expect(seen.mock.calls[0]?.[0].payload).toEqual(fixture)
    },
  )

  test('a prefixed router: `path` is matched on originalUrl', async () => {
    const app = new Koa()
    const router = new Router({ prefix: '/api' })
    router.all(path, blingerWebhooks({ token, path: `/api${path}` }))
    app.use(router.routes())
    expect((await deliver(app, `/api${path}?token=${token}`)).status).toBe(200)
    expect((await request(app.callback()).get(`/api${path}`)).status).toBe(405)
  })

  test('app.use(hooks) with `path` handles that path only; other requests reach next()', async () => {
    const app = new Koa()
    const hooks = blingerWebhooks({ token, path })
    const seen = vi.fn()
    hooks.on('*', seen)
    const downstream = vi.fn(async (ctx: Koa.Context) => {
      ctx.status = 202
      ctx.body = 'next'
    })
    app.use(hooks).use(downstream)
    expect((await deliver(app, `${path}/?token=${token}`)).status).toBe(200)
    expect(downstream).not.toHaveBeenCalled()
    const elsewhere = await deliver(app, `/elsewhere?token=${token}`)
    expect([elsewhere.status, elsewhere.text]).toEqual([202, 'next'])
    expect(seen).toHaveBeenCalledOnce()
  })

  test('upstream middleware still runs after the response is set', async () => {
    const app = new Koa()
    const after = vi.fn()
    app.use(async (ctx, next) => {
      await next()
      after(ctx.status)
      ctx.set('x-upstream', 'yes')
    })
    app.use(blingerWebhooks({ token, path }))
    const response = await deliver(app)
    expect(response.status).toBe(200)
    expect(response.headers['x-upstream']).toBe('yes')
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(after).toHaveBeenCalledWith(200)
  })
})

describe('body parsers', () => {
  test('a parser that leaves only a parsed ctx.request.body (no rawBody)', async () => {
    const app = new Koa()
    app.use(async (ctx, next) => {
      const chunks: Buffer[] = []
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
      ;(ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString())
      await next()
    })
    const hooks = blingerWebhooks({ token, path })
    const seen = vi.fn()
    hooks.on('message.incoming', seen)
    app.use(hooks)
    expect((await deliver(app)).status).toBe(200)
    expect(seen.mock.calls[0]?.[0].payload).toEqual(fixture)
  })

  test('@koa/bodyparser skipping a type it does not parse leaves the stream to the receiver', async () => {
    const app = new Koa()
    app.use(bodyParser({ enableTypes: ['form'] }))
    app.use(blingerWebhooks({ token, path }))
    expect((await deliver(app)).status).toBe(200)
  })

  test('the byte limit applies to what @koa/bodyparser read', async () => {
    const app = new Koa()
    app.use(bodyParser())
    app.use(blingerWebhooks({ token, path, limit: 100 }))
    const response = await deliver(app)
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({ error: 'payload_too_large' })
  })
})

test('every blingerWebhooks() owns its receiver', async () => {
  const app = new Koa()
  const first = blingerWebhooks({ token, path: '/one' })
  const second = blingerWebhooks({ token, path: '/two' })
  const [one, two] = [vi.fn(), vi.fn()]
  first.on('*', one)
  second.on('*', two)
  app.use(first).use(second)
  expect((await deliver(app, `/one?token=${token}`)).status).toBe(200)
  expect((await deliver(app, `/two?token=${token}`)).status).toBe(200)
  expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 1])
})

test('on, once and off return the middleware, for chaining', () => {
  const hooks = blingerWebhooks({ token })
  const listener = () => {}
  expect(hooks.on('*', listener).once('error', listener).off('*', listener)).toBe(hooks)
})
