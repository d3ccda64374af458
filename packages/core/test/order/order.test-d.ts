import {
  type AnyWebhookEvent,
  createReceiver,
  type OrderLimitsOption,
  type OrderOption,
  type ReceiverOptions,
} from '@blinger-webhooks/core'
import { describe, expectTypeOf, test } from 'vitest'

describe('the order option, typed', () => {
  test("'conversation' or a function of the event to a key; orderLimits beside it", () => {
    expectTypeOf<{ order: 'conversation' }>().toExtend<ReceiverOptions>()
    expectTypeOf<{ order: (event: AnyWebhookEvent) => string | undefined }>().toExtend<ReceiverOptions>()
    expectTypeOf<{
      order: 'conversation'
      orderLimits: { perKey: number; total: number }
    }>().toExtend<ReceiverOptions>()
    expectTypeOf<ReceiverOptions['order']>().toEqualTypeOf<OrderOption | undefined>()
    expectTypeOf<ReceiverOptions['orderLimits']>().toEqualTypeOf<OrderLimitsOption | undefined>()
    // @ts-expect-error: only 'conversation' names a built-in key
    createReceiver({ token: 't', order: 'user' })
    const byNumber = (event: AnyWebhookEvent) =>
      event.name === 'message.incoming' ? event.payload.conversation_id : undefined
    // @ts-expect-error: a key is a string, not a number
    createReceiver({ token: 't', order: byNumber })
    // @ts-expect-error: orderLimits has perKey and total
    createReceiver({ token: 't', order: 'conversation', orderLimits: { max: 5 } })
  })

  test("the function's event is narrowed by name and typed by the token map's accounts", () => {
    createReceiver({
      token: { acme: 'a', globex: 'b' },
      order: (event) => {
        expectTypeOf(event.account).toEqualTypeOf<'acme' | 'globex'>()
        return event.name === 'message.incoming'
          ? `${event.account}:${event.payload.from_user_id}`
          : undefined
      },
    })
  })
})
