import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import express from 'express'
import express4 from 'express4'
import request from 'supertest'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'express-test-token'
const path = '/webhooks/blinger'
const fixture = FixtureByEventName['message.incoming']
const body = JSON.stringify(fixture)

type Framework = typeof express
const frameworks: [string, Framework][] = [
  ['express 5', express],
  ['express 4', express4 as unknown as Framework],
]

function deliver(app: Parameters<typeof request>[0], url = `${path}?token=${token}`) {
  return request(app).post(url).set('content-type', 'application/json').send(body)
}

describe.each(frameworks)('%s', (_label, framework) => {
  test('app.post(path, hooks) receives, without a body parser', async () => {
    const app = framework()
    const hooks = blingerWebhooks({ token })
    const seen = vi.fn()
    hooks.on('message.incoming', seen)
    app.post(path, hooks)
    expect((await deliver(app)).status).toBe(200)
    expect(seen).toHaveBeenCalledOnce()
    expect(seen.mock.calls[0]?.[0].payload).toEqual(fixture)
  })

  test('app.use(path, hooks) receives, and answers GET with our 405', async () => {
    const app = framework()
    const hooks = blingerWebhooks({ token })
    app.use(path, hooks)
    expect((await deliver(app)).status).toBe(200)
    const get = await request(app).get(path)
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
  })

  test('app.use(hooks) with `path` handles that path only and passes the rest to next()', async () => {
    const app = framework()
    const hooks = blingerWebhooks({ token, path })
    const seen = vi.fn()
    hooks.on('*', seen)
    app.use(hooks)
    app.post('/elsewhere', (_req, res) => void res.status(202).send('next'))
    app.get(path.slice(0, -1), (_req, res) => void res.send('a prefix is another path'))
    expect((await deliver(app, `${path}/?token=${token}`)).status).toBe(200)
    const elsewhere = await deliver(app, `/elsewhere?token=${token}`)
    expect([elsewhere.status, elsewhere.text]).toEqual([202, 'next'])
    expect((await request(app).get(path.slice(0, -1))).status).toBe(200)
    expect((await request(app).post(`${path}/deeper`)).status).toBe(404)
    expect(seen).toHaveBeenCalledOnce()
  })

  test('a router mounted under a prefix: `path` is matched on originalUrl', async () => {
    const app = framework()
    const router = framework.Router()
    const hooks = blingerWebhooks({ token, path: `/api${path}` })
    router.use(hooks)
    app.use('/api', router)
    expect((await deliver(app, `/api${path}?token=${token}`)).status).toBe(200)
  })

  test.each([
    ['express.json()', () => framework.json()],
    ['express.raw()', () => framework.raw({ type: 'application/json' })],
    ['express.text()', () => framework.text({ type: 'application/json' })],
    ['express.json() for another type', () => framework.json({ type: 'application/vnd.other+json' })],
  ])('after %s', async (_name, parser) => {
    const app = framework()
    const hooks = blingerWebhooks({ token })
    const seen = vi.fn()
    hooks.on('message.incoming', seen)
    app.use(parser())
    app.post(path, hooks)
    expect((await deliver(app)).status).toBe(200)
    expect(seen.mock.calls[0]?.[0].payload).toEqual(fixture)
    // The parser skipped or consumed the body; either way the content type is still ours to judge.
    const xml = await request(app)
      .post(`${path}?token=${token}`)
      .set('content-type', 'application/xml')
      .send('<a/>')
    expect(xml.status).toBe(415)
  })

  describe('never leaves a rejected promise unhandled', () => {
    const unhandled = vi.fn()
    afterEach(() => {
      process.off('unhandledRejection', unhandled)
    })

    test('a failure inside the pipeline goes to next(error), not to the process', async () => {
      process.on('unhandledRejection', unhandled)
      const app = framework()
      const hooks = blingerWebhooks({ token })
      const errors = vi.fn()
      // The pipeline's first read of a header throws: a stand-in for a bug in the core.
      app.use((req, _res, next) => {
        req.headers = new Proxy(req.headers, {
          get(target, key) {
            if (key === 'authorization') throw new Error('a bug in the core')
            return Reflect.get(target, key)
          },
        })
        next()
      })
      app.post(path, hooks)
      app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        errors(error)
        res.status(500).send('handled by the app')
      })
      const response = await deliver(app)
      expect([response.status, response.text]).toEqual([500, 'handled by the app'])
      expect(errors).toHaveBeenCalledWith(new Error('a bug in the core'))
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).not.toHaveBeenCalled()
    })
  })
})

test('every blingerWebhooks() owns its receiver: two instances share no listeners or dedupe', async () => {
  const app = express()
  const first = blingerWebhooks({ token, path: '/one' })
  const second = blingerWebhooks({ token, path: '/two' })
  const [one, two] = [vi.fn(), vi.fn()]
  first.on('*', one)
  second.on('*', two)
  app.use(first, second)
  expect((await deliver(app, `/one?token=${token}`)).status).toBe(200)
  expect((await deliver(app, `/two?token=${token}`)).status).toBe(200)
  expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 1])
})

test('on, once and off return the middleware, for chaining', () => {
  const hooks = blingerWebhooks({ token })
  const listener = () => {}
  expect(hooks.on('*', listener).once('error', listener).off('*', listener)).toBe(hooks)
})

test('mounts a receiver built elsewhere (e.g. a queue receiver) through the receiver option', async () => {
  const { createReceiver } = await import('@blinger-webhooks/core')
  const receiver = createReceiver({ token })
  const seen = vi.fn()
  receiver.on('message.incoming', seen)
  const app = express()
  const hooks = blingerWebhooks({ receiver })
  app.post(path, hooks)
  expect(hooks.receiver).toBe(receiver)
  expect((await deliver(app)).status).toBe(200)
  expect(seen).toHaveBeenCalledOnce()
})
