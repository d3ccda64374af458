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
