import type { ConversationClosedPayload, MessageIncomingPayload, Receiver } from '@blinger-webhooks/core'
import { bodyParser } from '@koa/bodyparser'
import Router, { type RouterMiddleware } from '@koa/router'
import Koa from 'koa'
import { describe, expectTypeOf, test } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const hooks = blingerWebhooks({ token: 't', path: '/webhooks/blinger' })

describe('mounts like any Koa middleware', () => {
  test('app.use and router.post, with and without @koa/bodyparser', () => {
    const app = new Koa()
    app.use(hooks)
    app.use(bodyParser()).use(hooks)
    const router = new Router()
    router.post('/webhooks/blinger', hooks)
    router.all('/webhooks/blinger', bodyParser(), hooks)
    app.use(router.routes()).use(router.allowedMethods())
    expectTypeOf(hooks).toExtend<Koa.Middleware>()
    expectTypeOf(hooks).toExtend<RouterMiddleware>()
  })
})

describe('the event name narrows the payload', () => {
  test('on and once', () => {
    hooks.on('conversation.closed', async (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
    })
    hooks.once('message.incoming', (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<MessageIncomingPayload>()
    })
    expectTypeOf(hooks.off('*')).toEqualTypeOf(hooks)
    // @ts-expect-error: names outside the table do not compile
    hooks.on('conversation.deleted', () => {})
  })

  test('options are ReceiverOptions plus path', () => {
    // @ts-expect-error: path is a string
    blingerWebhooks({ token: 't', path: 1 })
  })
})

declare const receiver: Receiver

test('takes the receiver options or { receiver } with path, never both', () => {
  blingerWebhooks({ receiver, path: '/webhooks/blinger' })
  // @ts-expect-error: token would be ignored beside a receiver
  blingerWebhooks({ receiver, token: 't' })
  // @ts-expect-error: limit would be ignored beside a receiver
  blingerWebhooks({ receiver, limit: 1 })
})

test('event.account is the union of the token map’s keys; undefined for a string token', () => {
  const hooks = blingerWebhooks({ token: { acme: process.env.ACME_TOKEN, globex: ['new', 'old'] } })
  hooks.on('message.incoming', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
  hooks.on('invalid', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
  hooks.setTokens({ acme: 'rotated' })
  blingerWebhooks({ token: 't' }).on('*', (e) => expectTypeOf(e.account).toEqualTypeOf<undefined>())
})
