import { type AnyWebhookEvent, createReceiver, type WebhookEvent } from '@blinger-webhooks/core'
import { describe, expectTypeOf, it } from 'vitest'
import { type DeliverResult, deliver } from '../src/index.js'

describe('deliver types', () => {
  const receiver = createReceiver({ token: 't' })

  it('types the event after the event name', async () => {
    const result = await deliver(receiver, 'message.incoming', {}, { token: 't' })
    expectTypeOf(result).toEqualTypeOf<DeliverResult<WebhookEvent<'message.incoming'>>>()
    expectTypeOf(result.event).toEqualTypeOf<WebhookEvent<'message.incoming'> | undefined>()
    expectTypeOf(result.body).toBeUnknown()
  })

  it('types a payload sent as given as any event', async () => {
    const result = await deliver('http://127.0.0.1:1/', { webhook: 'on_user_new' }, { token: 't' })
    expectTypeOf(result.event).toEqualTypeOf<AnyWebhookEvent | undefined>()
  })

  it('checks the overrides like createPayload, and the options', () => {
    // @ts-expect-error: misspelt field
    deliver(receiver, 'message.incoming', { message: { mesage: 'hi' } })
    // @ts-expect-error: options in the overrides' place
    deliver(receiver, 'message.incoming', { token: 't' })
    // @ts-expect-error: unknown option
    deliver(receiver, 'message.incoming', {}, { tokn: 't' })
    // @ts-expect-error: not a target
    deliver(42, 'user.new')
  })
})
