import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Queue } from 'bullmq'
import { afterEach, expect, test, vi } from 'vitest'
import type { QueueJobData } from '../../src/index.js'
import { createHarness } from '../fixtures/harness.js'

// Issue 14: in queue mode, a job that failed its last attempt stayed only in BullMQ's failed set, which
// nobody reads until asked. The worker's `deadLetters` option keeps it as a dead letter, as core's receiver
// does, for `blinger-webhooks replay`; without the option, one bounded console.warn line.

const user = FixtureByEventName['user.new']

function letterStream() {
  const letters: Record<string, unknown>[] = []
  return {
    letters,
    write(line: string) {
      letters.push(JSON.parse(line) as Record<string, unknown>)
      return true
    },
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describeWithRedis('issue 14: the worker keeps jobs that failed for good', (redis) => {
  const harness = createHarness(redis)

  test('one failed letter after the last attempt, none for the attempts before it', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, attempts: 3, backoff: { type: 'fixed', delay: 10 } })
    const stream = letterStream()
    const worker = harness.worker({ queueName, deadLetters: { stream } })
    let attempts = 0
    worker
      .on('error', () => {})
      .on('user.new', () => {
        attempts++
        throw new TypeError('CRM rejected the user')
      })
    const { id } = await receiver.receive(user)
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(id)).toBe('failed'), {
      timeout: 5000,
    })
    await vi.waitFor(() => expect(stream.letters).toHaveLength(1))
    expect(attempts).toBe(3)
    expect(stream.letters[0]).toMatchObject({
      id,
      name: 'user.new',
      webhook: 'on_user_new',
      payload: user,
      reason: 'failed',
      error: { code: 'TypeError', message: 'CRM rejected the user' },
    })
    expect(worker.deadLetters.written).toBe(1)
  })

  test('a payload that fails its schema: an invalid letter with its issues, at once', async () => {
    const queueName = harness.queueName()
    const producer = new Queue<QueueJobData>(queueName, { connection: { url: redis.url } })
    const stream = letterStream()
    harness.worker({ queueName, deadLetters: { stream } }).on('error', () => {})
    await producer.add(
      'user.new',
      { payload: { ...user, user: 'not an object' }, receivedAt: Date.now() },
      { jobId: 'issue-14-invalid', attempts: 5 },
    )
    await vi.waitFor(() => expect(stream.letters).toHaveLength(1), { timeout: 5000 })
    expect(stream.letters[0]).toMatchObject({
      id: 'issue-14-invalid',
      reason: 'invalid',
      issues: [{ path: '/user', message: 'must be object' }],
    })
    await producer.close()
  })

  test('without the option: a console.warn line for the job lost', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, attempts: 1 })
    harness
      .worker({ queueName })
      .on('error', () => {})
      .on('user.new', () => {
        throw new Error('down')
      })
    await receiver.receive(user)
    const lost = () => warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('Lost'))
    await vi.waitFor(() => expect(lost()).toHaveLength(1), { timeout: 5000 })
    expect(lost()[0]).toMatch(/Lost delivery \(failed\): on_user_new [0-9a-f]{12}, Error\./)
  })
})

describeWithRedis('issue 14: the worker keeps jobs no listener took', (redis) => {
  const harness = createHarness(redis)

  test('a webhook outside the eight with no unknown or * listener: an unhandled letter', async () => {
    const queueName = harness.queueName()
    const producer = new Queue<QueueJobData>(queueName, { connection: { url: redis.url } })
    const stream = letterStream()
    harness
      .worker({ queueName, deadLetters: { stream } })
      .on('error', () => {})
      .on('user.new', () => {})
    await producer.add(
      'unknown',
      { payload: { webhook: 'on_something_new', id: 7 }, receivedAt: Date.now() },
      { jobId: 'issue-14-unhandled' },
    )
    await vi.waitFor(() => expect(stream.letters).toHaveLength(1), { timeout: 5000 })
    expect(stream.letters[0]).toMatchObject({
      id: 'issue-14-unhandled',
      name: 'unknown',
      webhook: 'on_something_new',
      reason: 'unhandled',
    })
    await producer.close()
  })

  test('an unknown listener takes it: no letter', async () => {
    const queueName = harness.queueName()
    const producer = new Queue<QueueJobData>(queueName, { connection: { url: redis.url } })
    const stream = letterStream()
    const seen: string[] = []
    harness
      .worker({ queueName, deadLetters: { stream } })
      .on('error', () => {})
      .on('unknown', (event) => {
        seen.push(event.webhook)
      })
    await producer.add(
      'unknown',
      { payload: { webhook: 'on_something_new' }, receivedAt: Date.now() },
      { jobId: 'issue-14-taken' },
    )
    await vi.waitFor(() => expect(seen).toEqual(['on_something_new']), { timeout: 5000 })
    expect(stream.letters).toEqual([])
    await producer.close()
  })
})
