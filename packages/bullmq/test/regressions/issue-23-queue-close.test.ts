import { hash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { createQueueReceiver, createQueueWorker } from '../../src/index.js'
import { createHarness } from '../fixtures/harness.js'

// Issue 23: shutdown had no deadline. The queue receiver's close() took no options and closed the queue under
// enqueues still running; the worker's close() waited for its jobs for ever, with no way to bound it before the
// platform's SIGKILL. Now both take `{ timeout }`, as core's receiver does, and a job cut at the deadline stays
// in Redis to be run again.

const closed = FixtureByEventName['conversation.closed']
const variant = (n: number) => ({ ...closed, conversation: { ...closed.conversation, id: 2_310_000 + n } })
const idOf = (body: object) => hash('sha256', JSON.stringify(body), 'hex')
const post = (body: object): HandleRequest => ({
  method: 'POST',
  url: '/webhooks/blinger?token=secret',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
})

describeWithRedis('issue 23: close({ timeout }) in queue mode', (redis) => {
  const harness = createHarness(redis)

  test('the receiver: close() waits for an enqueue under way, which is stored and answered 200; twice is one close', async () => {
    const queueName = harness.queueName()
    const receiver = createQueueReceiver({ token: 'secret', connection: redis.url, queueName })
    expect(receiver.running).toBe(0)
    // The enqueue is held for a moment, as on a slow Redis.
    const { queue } = receiver
    const add = queue.add.bind(queue)
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    vi.spyOn(queue, 'add').mockImplementation(async (...args) => {
      await held
      return add(...args)
    })
    const answer = receiver.handle(post(variant(1)))
    await vi.waitFor(() => expect(receiver.running).toBe(1))
    const closing = receiver.close({ timeout: 5_000 })
    expect(receiver.close()).toBe(closing)
    setTimeout(release, 100)
    expect((await answer).status).toBe(200)
    await closing
    expect(receiver.running).toBe(0)
    expect(await redis.client.exists(`bull:${queueName}:${idOf(variant(1))}`)).toBe(1)
  })

  test('the receiver: at the deadline an enqueue still running is kept as a shutdown dead letter, else 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-close-'))
    const path = join(dir, 'dead.ndjson')
    const receiver = createQueueReceiver({
      token: 'secret',
      connection: redis.url,
      queueName: harness.queueName(),
      deadLetters: { path },
    })
    receiver.on('error', () => {})
    vi.spyOn(receiver.queue, 'add').mockImplementation(() => new Promise(() => {}))
    const answer = receiver.handle(post(variant(2)))
    await vi.waitFor(() => expect(receiver.running).toBe(1))
    await receiver.close({ timeout: 50 })
    expect((await answer).status).toBe(200)
    const [letter] = readFileSync(path, 'utf8').trim().split('\n')
    expect(JSON.parse(letter ?? '')).toMatchObject({
      reason: 'shutdown',
      id: idOf(variant(2)),
      payload: variant(2),
    })
    expect((await receiver.handle(post(variant(5)))).status).toBe(503)
    rmSync(dir, { recursive: true, force: true })

    const full = createQueueReceiver({
      token: 'secret',
      connection: redis.url,
      queueName: harness.queueName(),
      deadLetters: { path: '/dev/full' },
    })
    full.on('error', () => {})
    vi.spyOn(full.queue, 'add').mockImplementation(() => new Promise(() => {}))
    const refused = full.handle(post(variant(6)))
    await vi.waitFor(() => expect(full.running).toBe(1))
    await full.close({ timeout: 50 })
    expect((await refused).status).toBe(503)
  })

  test('bad close options throw a RangeError and close nothing', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    await expect(receiver.close({ timeout: -1 })).rejects.toThrow(
      /timeout must be a number of ms ≥ 0, got -1/,
    )
    expect((await receiver.handle(post(variant(3)))).status).toBe(200)
    const worker = harness.worker({ queueName })
    await expect(worker.close({ timeout: Number.NaN })).rejects.toThrow(RangeError)
  })

  test('the worker: a job that finishes within the deadline completes; close() resolves after it', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const worker = createQueueWorker({ connection: redis.url, queueName })
    let aborted = false
    const finished = vi.fn()
    worker.on('conversation.closed', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      aborted = event.signal.aborted
      finished()
    })
    expect((await receiver.handle(post(variant(4)))).status).toBe(200)
    await vi.waitFor(() => expect(worker.running).toBe(1), { timeout: 5_000 })
    const closing = worker.close({ timeout: 5_000 })
    expect(worker.close()).toBe(closing)
    await closing
    expect(finished).toHaveBeenCalledTimes(1)
    expect(aborted).toBe(false)
    expect(await receiver.queue.getJobState(idOf(variant(4)))).toBe('completed')
  })

  test('the worker: at the deadline the job is cut (its signal aborted), stays in Redis, and another worker runs it again', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const settings = { lockDuration: 1_000, stalledInterval: 300 }
    const first = createQueueWorker({ connection: redis.url, queueName, bullmq: settings })
    let signal: AbortSignal | undefined
    first.on('conversation.closed', (event) => {
      signal = event.signal
      // A handler that honours its signal: it stops when aborted.
      return new Promise<void>((_, reject) =>
        event.signal.addEventListener('abort', () => reject(event.signal.reason)),
      )
    })
    const firstErrors = vi.fn()
    first.on('error', firstErrors)
    expect((await receiver.handle(post(variant(5)))).status).toBe(200)
    await vi.waitFor(() => expect(first.running).toBe(1), { timeout: 5_000 })

    const started = performance.now()
    await first.close({ timeout: 200 })
    expect(performance.now() - started).toBeLessThan(5_000) // bounded by the deadline, not by the handler
    expect(signal?.aborted).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await receiver.queue.getJobState(idOf(variant(5)))).toBe('active') // kept, not failed
    expect(firstErrors).not.toHaveBeenCalled()

    const handled = vi.fn()
    harness.worker({ queueName, bullmq: settings }).on('conversation.closed', handled)
    await vi.waitFor(() => expect(handled).toHaveBeenCalledTimes(1), { timeout: 10_000, interval: 100 })
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(idOf(variant(5)))).toBe('completed'))
  }, 20_000)
})
