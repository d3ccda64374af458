import type {
  AnyWebhookEvent,
  DuplicateWebhookEvent,
  InvalidWebhookEvent,
  Receiver,
  WebhookError,
} from '@blinger-webhooks/core'
import { describe, expectTypeOf, test } from 'vitest'
import { createQueueReceiver, type QueueReceiver, type QueueReceiverOptions } from '../src/index.js'

describe('createQueueReceiver types', () => {
  test('is a core Receiver, so anything that mounts a receiver mounts it', () => {
    expectTypeOf<QueueReceiver>().toExtend<Receiver>()
  })

  test('lifecycle listeners are typed', () => {
    const receiver = createQueueReceiver({ token: 't', connection: 'redis://127.0.0.1:6379' })
    receiver
      .on('error', (error) => expectTypeOf(error).toEqualTypeOf<WebhookError>())
      .on('invalid', (event) => expectTypeOf(event).toEqualTypeOf<InvalidWebhookEvent<undefined>>())
      .once('duplicate', (event) => expectTypeOf(event).toEqualTypeOf<DuplicateWebhookEvent<undefined>>())
  })

  test('ack, handlerTimeout, handlerDeadline and orderLimits belong to the receiver, not to its options', () => {
    // @ts-expect-error: queue mode always answers once the job is stored
    createQueueReceiver({ token: 't', connection: 'redis://127.0.0.1:6379', ack: 'immediately' })
    // @ts-expect-error: the enqueue gives up after enqueueTimeout, so no deadline is left to set
    createQueueReceiver({ token: 't', connection: 'redis://127.0.0.1:6379', handlerDeadline: 60_000 })
    // @ts-expect-error: a connection is required
    createQueueReceiver({ token: 't' })
    // @ts-expect-error: nothing waits in process: the order is fixed in Redis
    createQueueReceiver({ token: 't', connection: 'redis://127.0.0.1:6379', orderLimits: { perKey: 10 } })
  })
})

test('a token map types the lifecycle events’ account; the worker names its accounts', () => {
  const receiver = createQueueReceiver({
    connection: 'redis://127.0.0.1:6390',
    token: { acme: 'a', globex: 'g' },
  })
  receiver.on('duplicate', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
  receiver.setTokens({ globex: 'g2' })
  expectTypeOf(receiver).toEqualTypeOf<QueueReceiver<'acme' | 'globex'>>()

  test("close takes the same options as core's receiver, and running is a number", () => {
    expectTypeOf<QueueReceiver['close']>().parameter(0).toEqualTypeOf<{ timeout?: number } | undefined>()
    expectTypeOf<QueueReceiver['close']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<QueueReceiver['running']>().toEqualTypeOf<number>()
  })
})

test('order takes conversation or a key function of the typed event', () => {
  const connection = 'redis://127.0.0.1:6390'
  createQueueReceiver({ token: 't', connection, order: 'conversation' })
  createQueueReceiver({
    connection,
    token: { acme: 'a', globex: 'g' },
    order: (event) => {
      expectTypeOf(event.account).toEqualTypeOf<'acme' | 'globex'>()
      return event.name === 'user.new' ? `user/${event.payload.user.id}` : undefined
    },
  })
  expectTypeOf<QueueReceiverOptions['order']>().toEqualTypeOf<
    'conversation' | ((event: AnyWebhookEvent) => string | undefined) | undefined
  >()
  // @ts-expect-error: only conversations have a built-in key
  createQueueReceiver({ token: 't', connection, order: 'message' })
  // @ts-expect-error: a key is a string
  createQueueReceiver({ token: 't', connection, order: () => 42 })
})
