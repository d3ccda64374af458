import {
  type ConversationClosedPayload,
  createReceiver,
  type MessageIncomingPayload,
  type Receiver,
} from '@blinger-webhooks/core'
import express, { type RequestHandler, Router } from 'express'
import express4 from 'express4'
import { describe, expectTypeOf, test } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const hooks = blingerWebhooks({ token: 't', path: '/webhooks/blinger' })

describe('mounts like any Express middleware', () => {
  test('Express 5', () => {
    const app = express()
    app.use(hooks)
    app.use('/webhooks/blinger', hooks)
    app.post('/webhooks/blinger', hooks)
    app.post('/webhooks/blinger', express.json(), hooks)
    Router().post('/webhooks/blinger', hooks)
    expectTypeOf(hooks).toExtend<RequestHandler>()
  })

  test('Express 4', () => {
    const app = express4()
    app.use(hooks)
    app.use('/webhooks/blinger', hooks)
    app.post('/webhooks/blinger', hooks)
    express4.Router().post('/webhooks/blinger', hooks)
  })
})

describe('the event name narrows the payload', () => {
  test('on, once and off', () => {
    hooks.on('conversation.closed', async (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
    })
    hooks.once('message.incoming', (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<MessageIncomingPayload>()
    })
    expectTypeOf(hooks.off('*')).toEqualTypeOf(hooks)
    expectTypeOf(hooks.receiver).toEqualTypeOf<Receiver<undefined>>()
    // @ts-expect-error: names outside the table do not compile
    hooks.on('conversation.deleted', () => {})
  })

  test('options are ReceiverOptions plus path', () => {
    // @ts-expect-error: path is a string
    blingerWebhooks({ token: 't', path: 1 })
    // @ts-expect-error: unknown options do not compile
    blingerWebhooks({ token: 't', prefix: '/api' })
  })
})

test('mounts a receiver built elsewhere through the receiver option', () => {
  const receiver = createReceiver({ token: 't' })
  const hooks = blingerWebhooks({ receiver })
  // Its accounts are not inferred through the option: `account` keeps the wide default.
  expectTypeOf(hooks.receiver).toEqualTypeOf<Receiver>()
})

test('takes the receiver options or { receiver } with path, never both', () => {
  const receiver = createReceiver({ token: 't' })
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
