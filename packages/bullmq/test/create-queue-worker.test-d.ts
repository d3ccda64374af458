import type {
  ConversationClosedPayload,
  DeadLetterOptions,
  DeadLetters,
  EmitterMethods,
  MessageIncomingPayload,
  WebhookError,
} from '@blinger-webhooks/core'
import { describe, expectTypeOf, test } from 'vitest'
import { createQueueWorker, type QueueWorker, type QueueWorkerOptions } from '../src/index.js'

describe('createQueueWorker types', () => {
  test('the event name narrows the payload, exactly as on core’s receiver', () => {
    const worker = createQueueWorker({ connection: 'redis://127.0.0.1:6379' })
    expectTypeOf(worker).toExtend<EmitterMethods>()
    worker
      .on('conversation.closed', (event) =>
        expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>(),
      )
      .on('message', (event) => {
        if (event.name === 'message.incoming')
          expectTypeOf(event.payload).toEqualTypeOf<MessageIncomingPayload>()
      })
      .once('error', (error) => expectTypeOf(error).toEqualTypeOf<WebhookError>())
      .off('*')
    // @ts-expect-error: names outside the table do not compile
    worker.on('conversation.deleted', () => {})
    expectTypeOf(worker.close).returns.toEqualTypeOf<Promise<void>>()
  })

  test('deadLetters takes the receiver option, and the worker exposes its output', () => {
    expectTypeOf<QueueWorkerOptions['deadLetters']>().toEqualTypeOf<DeadLetterOptions | undefined>()
    expectTypeOf<QueueWorker['deadLetters']>().toEqualTypeOf<DeadLetters>()
  })

  test('connection takes a URL or ioredis options; BullMQ settings go under bullmq', () => {
    expectTypeOf<QueueWorker>().toHaveProperty('worker')
    createQueueWorker({
      connection: { host: '127.0.0.1', port: 6390 },
      concurrency: 5,
      bullmq: { lockDuration: 60_000 },
    })
    // @ts-expect-error: the connection is given once, at the top
    createQueueWorker({ connection: 'redis://127.0.0.1', bullmq: { connection: {} } })
  })

  test('keyPrefix is the one name of the key prefix', () => {
    createQueueWorker({ connection: 'redis://127.0.0.1', keyPrefix: 'hooks' })
    // @ts-expect-error: renamed keyPrefix
    createQueueWorker({ connection: 'redis://127.0.0.1', prefix: 'hooks' })
  })
})

test('createQueueWorker<A> types event.account; unnamed, it is string | undefined', () => {
  createQueueWorker<'acme' | 'globex'>({ connection: 'redis://127.0.0.1:6390' }).on('user.new', (e) =>
    expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>(),
  )
  createQueueWorker({ connection: 'redis://127.0.0.1:6390' }).on('*', (e) =>
    expectTypeOf(e.account).toEqualTypeOf<string | undefined>(),
  )

  test('close takes a deadline, and running is a number', () => {
    expectTypeOf<QueueWorker['close']>().parameter(0).toEqualTypeOf<{ timeout?: number } | undefined>()
    expectTypeOf<QueueWorker['running']>().toEqualTypeOf<number>()
  })
})

test('a worker honours order by default; false turns it off, and it takes no key function', () => {
  expectTypeOf<QueueWorkerOptions['order']>().toEqualTypeOf<'conversation' | false | undefined>()
  createQueueWorker({ connection: 'redis://127.0.0.1:6390', order: 'conversation' })
  createQueueWorker({ connection: 'redis://127.0.0.1:6390', order: false })
  // @ts-expect-error: the key was fixed at enqueue, by the receiver's order
  createQueueWorker({ connection: 'redis://127.0.0.1:6390', order: () => 'key' })
})
