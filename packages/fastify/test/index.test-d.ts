import type { ConversationClosedPayload, MessageIncomingPayload, Receiver } from '@blinger-webhooks/core'
import Fastify, { type FastifyPluginAsync } from 'fastify'
import { describe, expectTypeOf, test } from 'vitest'
import { blingerWebhooks, type FastifyRegisterWebhooksOptions } from '../src/index.js'

describe('registers like any Fastify plugin', () => {
  test('every option shape', async () => {
    const app = Fastify()
    const hooks = blingerWebhooks({ token: 't' })
    await app.register(hooks)
    await app.register(hooks, { prefix: '/api' })
    await app.register(hooks, { prefix: '/api', path: '/blinger' })
    await app.register(hooks, () => ({ path: '/blinger' }))
    expectTypeOf(hooks).toExtend<FastifyPluginAsync<FastifyRegisterWebhooksOptions>>()
    // @ts-expect-error: path is a string
    await app.register(hooks, { path: 1 })
  })
})

describe('the event name narrows the payload', () => {
  test('on and once', () => {
    const hooks = blingerWebhooks({ token: 't', path: '/webhooks/blinger' })
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
