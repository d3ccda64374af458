import { createServer } from 'node:http'
import type { ConversationClosedPayload, Receiver } from '@blinger-webhooks/core'
import { expectTypeOf, test } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

test('is a node:http request listener whose event names narrow the payload', () => {
  const hooks = blingerWebhooks({ token: 't' })
  createServer(hooks)
  hooks.on('conversation.closed', (event) => {
    expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
  })
  // @ts-expect-error: not an event name
  hooks.on('conversation.deleted', () => {})
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
