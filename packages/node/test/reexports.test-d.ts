import type * as core from '@blinger-webhooks/core'
import { expectTypeOf, test } from 'vitest'
import {
  blingerWebhooks,
  type ConversationClosedPayload,
  type Listener,
  WebhookError,
  type WebhookErrorCode,
  type WebhookEvent,
} from '../src/index.js'

test('an app names events, payloads, options and errors from this package alone', () => {
  blingerWebhooks({ token: 't' }).on('conversation.closed', (event) => {
    expectTypeOf(event).toEqualTypeOf<WebhookEvent<'conversation.closed', undefined>>()
    expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
  })
  const onError: Listener<'error'> = (error) => {
    if (error instanceof WebhookError) expectTypeOf(error.code).toEqualTypeOf<WebhookErrorCode>()
  }
  expectTypeOf(onError).toBeFunction()
  expectTypeOf(WebhookError).toEqualTypeOf<typeof core.WebhookError>()
})

test('payload types are types only: the schemas stay in core', () => {
  // @ts-expect-error: exported with \`type\`, so not a value here
  expectTypeOf(ConversationClosedPayload).not.toBeAny()
})
