import { createServer } from 'node:http'
import type { ConversationClosedPayload } from '@blinger-webhooks/core'
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
