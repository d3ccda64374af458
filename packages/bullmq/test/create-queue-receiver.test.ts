import { hash } from 'node:crypto'
import { describeWithRedis, unusedPort } from '@blinger-webhooks/conformance/redis'
import { createMemoryStore } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createQueueReceiver, type QueueReceiver } from '../src/index.js'
import { createHarness, postJson } from './fixtures/harness.js'

const closed = FixtureByEventName['conversation.closed']
const idOf = (body: object) => hash('sha256', JSON.stringify(body), 'hex')
const post = (body: object, token = 'secret'): HandleRequest => ({
  method: 'POST',
  url: `/webhooks/blinger?token=${token}`,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
})
/** The same delivery with another conversation id: a different delivery id. */
const variant = (n: number) => ({ ...closed, conversation: { ...closed.conversation, id: 1_000_000 + n } })

describeWithRedis('createQueueReceiver', (redis) => {
  const harness = createHarness(redis)

  test('stores a job whose id is the delivery id and whose name is the event name, then answers 200', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const answer = await receiver.handle(post(closed))
    expect(answer.status).toBe(200)
    const job = await receiver.queue.getJob(idOf(closed))
    expect(job?.name).toBe('conversation.closed')
    expect(job?.data.payload).toEqual(closed)
    expect(job?.data.receivedAt).toBeGreaterThan(Date.now() - 10_000)
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } })
  })

  test('two receiver instances sharing one Redis, given the same delivery, enqueue and emit it once', async () => {
    const queueName = harness.queueName()
    const receivers = [harness.receiver({ queueName }), harness.receiver({ queueName })]
    const urls = await Promise.all(receivers.map((receiver) => harness.serve(receiver)))
    const handled = vi.fn()
    harness.worker({ queueName }).on('conversation.closed', handled)

    const answers = await Promise.all([...urls, ...urls, ...urls].map((url) => postJson(url, closed)))
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200))
    await vi.waitFor(() => expect(handled).toHaveBeenCalledTimes(1), { timeout: 5_000 })
    // Once handled, a late repeat to either instance is still dropped.
    expect((await postJson(urls[1] ?? '', closed)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(handled).toHaveBeenCalledTimes(1)
    expect(await receivers[0]?.queue.getJobCounts('completed', 'waiting', 'active')).toEqual({
      completed: 1,
      waiting: 0,
      active: 0,
    })
  })

  test('without the Redis dedupe store, the job id alone still drops repeats', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, dedupe: false })
    const answers = await Promise.all([1, 2, 3].map(() => receiver.handle(post(closed))))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(await receiver.queue.getJobCounts('waiting')).toEqual({ waiting: 1 })
  })

  test('with a 5 s handler, the receiver still answers at once; the handler finishes in the worker', async () => {
    const queueName = harness.queueName()
    const url = await harness.serve(harness.receiver({ queueName }))
    const finished = vi.fn()
    harness.worker({ queueName }).on('conversation.closed', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000))
      finished(event.id)
    })
    const answer = await postJson(url, variant(1))
    expect(answer.status).toBe(200)
    expect(answer.ms).toBeLessThan(2_000) // a bound, not a speed goal: the 5 s handler is not awaited
    expect(finished).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(finished).toHaveBeenCalledWith(idOf(variant(1))), {
      timeout: 9_000,
      interval: 100,
    })
  }, 15_000)

  test('validates, authenticates and answers like core before anything is enqueued', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const invalid = vi.fn()
    receiver.on('invalid', invalid)
    expect((await receiver.handle(post(closed, 'wrong'))).status).toBe(401)
    expect((await receiver.handle(post({ ...closed, conversation: 'nope' }))).status).toBe(422)
    expect(invalid).toHaveBeenCalledTimes(1)
    expect(await receiver.queue.getJobCounts('waiting')).toEqual({ waiting: 0 })
  })

  test('receive() enqueues a parsed payload too, and reports repeats as duplicates', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const duplicate = vi.fn()
    receiver.on('duplicate', duplicate)
    const first = await receiver.receive(FixtureByEventName['user.new'])
    const second = await receiver.receive(FixtureByEventName['user.new'])
    expect([first.duplicate, second.duplicate]).toEqual([false, true])
    expect(duplicate).toHaveBeenCalledTimes(1)
    expect((await receiver.queue.getJob(first.id))?.name).toBe('user.new')
  })

  test('unknown webhooks are enqueued as `unknown`', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const { id } = await receiver.receive({ webhook: 'on_something_new', x: 1 })
    expect((await receiver.queue.getJob(id))?.name).toBe('unknown')
  })

  test('retry settings reach the job', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({
      queueName,
      attempts: 2,
      backoff: { type: 'fixed', delay: 10 },
      removeOnFail: { count: 5 },
    })
    const { id } = await receiver.receive(variant(2))
    expect((await receiver.queue.getJob(id))?.opts).toMatchObject({
      attempts: 2,
      backoff: { type: 'fixed', delay: 10 },
      removeOnFail: { count: 5 },
    })
  })
})

describe('createQueueReceiver without Redis', () => {
  const receivers: QueueReceiver[] = []
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())))
  const unreachable = async (options: Partial<Parameters<typeof createQueueReceiver>[0]> = {}) => {
    const receiver = createQueueReceiver({
      token: 'secret',
      connection: `redis://127.0.0.1:${await unusedPort()}`,
      ...options,
    })
    receivers.push(receiver)
    return receiver
  }

  test('answers a clear 503 quickly, emits error, and neither crashes nor hangs', async () => {
    const receiver = await unreachable()
    const errors = vi.fn()
    receiver.on('error', errors)
    const started = performance.now()
    const answers = await Promise.all([1, 2, 3].map(() => receiver.handle(post(closed))))
    expect(performance.now() - started).toBeLessThan(1_500)
    for (const answer of answers) {
      expect(answer.status).toBe(503)
      expect(JSON.parse(answer.body)).toEqual({
        error: 'store_unavailable',
        message: 'The dedupe store did not answer. Retry later.',
      })
    }
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'store_failed' }))
  })

  test('a job that cannot be stored gets a 500 within enqueueTimeout, and its id is released for the retry', async () => {
    const store = createMemoryStore()
    const receiver = await unreachable({ dedupe: { store }, enqueueTimeout: 300 })
    const errors = vi.fn()
    receiver.on('error', errors)
    const started = performance.now()
    const answer = await receiver.handle(post(closed))
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(answer.status).toBe(500)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'handler_failed' })
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'handler_failed' }))
    expect(store.claim(idOf(closed), 1_000)).toBe(true) // released: Blinger's retry will be processed
  })
})

describe('createQueueReceiver options', () => {
  test('delivery events cannot be listened to on the receiver: handlers belong to the worker', async () => {
    const receiver = createQueueReceiver({ token: 'secret', connection: { lazyConnect: true } })
    expect(() => receiver.on('conversation.closed', () => {})).toThrow(
      /\[@blinger-webhooks\/bullmq\] A queue receiver runs no handlers: register 'conversation.closed' on the worker/,
    )
    expect(() => receiver.once('*', () => {})).toThrow(
      /createQueueWorker\(\{ connection \}\)\.once\('\*', …\)/,
    )
    expect(() =>
      receiver
        .on('error', () => {})
        .on('invalid', () => {})
        .off('error'),
    ).not.toThrow()
    await receiver.close()
  })

  test('rejects bad options when created', async () => {
    const connection = { lazyConnect: true }
    expect(() => createQueueReceiver({ token: 't', connection, attempts: 0 })).toThrow(
      /attempts must be a whole number/,
    )
    expect(() => createQueueReceiver({ token: 't', connection, enqueueTimeout: -1 })).toThrow(
      /enqueueTimeout must be a positive/,
    )
    // Issue 24: a missing token is not a creation error any more; core answers each request 500 token_missing.
    const tokenless = createQueueReceiver({ connection })
    await tokenless.close()
  })

  test('keyPrefix, named as in @blinger-webhooks/redis; the old prefix throws instead of being ignored', async () => {
    const connection = { lazyConnect: true }
    const receiver = createQueueReceiver({ token: 't', connection, keyPrefix: 'hooks' })
    expect(receiver.queue.opts.prefix).toBe('hooks')
    await receiver.close()
    const renamed = { token: 't', connection, prefix: 'hooks' } as never
    expect(() => createQueueReceiver(renamed)).toThrow(/The prefix option is now keyPrefix/)
  })
})

describe('createQueueReceiver options that cannot apply', () => {
  const connection = { lazyConnect: true }

  test('ack, handlerTimeout and handlerDeadline throw: the answer waits for the enqueue only', () => {
    for (const key of ['ack', 'handlerTimeout', 'handlerDeadline']) {
      const given = { token: 't', connection, [key]: key === 'ack' ? 'immediately' : 1000 } as never
      expect(() => createQueueReceiver(given)).toThrow(
        new RegExp(`^\\[@blinger-webhooks/bullmq\\] ${key} cannot apply in queue mode`),
      )
    }
  })

  test('dedupe.max throws: ids are kept in Redis, never in the in-memory store it sizes', () => {
    expect(() => createQueueReceiver({ token: 't', connection, dedupe: { max: 100 } })).toThrow(
      /dedupe\.max sizes the in-memory store, which queue mode never uses/,
    )
    const store = createMemoryStore()
    expect(() => createQueueReceiver({ token: 't', connection, dedupe: { store, max: 100 } })).toThrow(
      TypeError,
    )
  })
})
