import { hash } from 'node:crypto'
import { createTcpProxy, describeWithRedis, type TcpProxy } from '@blinger-webhooks/conformance/redis'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, expect, test, vi } from 'vitest'
import type { QueueReceiver } from '../../src/index.js'
import { createHarness } from '../fixtures/harness.js'

// Issue 23: a retry was answered "200 duplicate" because a claim was held, though no job was ever stored: the
// receiver holding the claim had been killed, or its enqueue had failed and the release was lost. The delivery
// was then never handled. A retry may be a duplicate only of a delivery that is stored.

const closed = FixtureByEventName['conversation.closed']
const variant = (n: number) => ({ ...closed, conversation: { ...closed.conversation, id: 2_300_000 + n } })
const idOf = (body: object) => hash('sha256', JSON.stringify(body), 'hex')
const post = (body: object): HandleRequest => ({
  method: 'POST',
  url: '/webhooks/blinger?token=secret',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
})

/** Posts until the answer is not 503 (the sender's retries), within `ms`; returns every status seen. */
async function retryUntilAccepted(receiver: QueueReceiver, body: object, ms: number): Promise<number[]> {
  const statuses: number[] = []
  const until = performance.now() + ms
  while (performance.now() < until) {
    const { status } = await receiver.handle(post(body))
    statuses.push(status)
    if (status !== 503) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return statuses
}

describeWithRedis('issue 23: a held claim is a duplicate only when its job is stored', (redis) => {
  const harness = createHarness(redis)
  const proxies: TcpProxy[] = []
  afterAll(() => Promise.all(proxies.map((proxy) => proxy.close())))

  test('the claim of a killed receiver (no job): the retry is answered 503, never 200 duplicate, and is taken over once the lease ends', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, enqueueTimeout: 300 })
    receiver.on('error', () => {})
    const duplicates = vi.fn()
    receiver.on('duplicate', duplicates)
    const body = variant(1)
    // What a receiver killed between its claim and its enqueue leaves: a claim with its token, and no job.
    const key = `blinger-webhooks:dedupe:${queueName}:${idOf(body)}`
    await redis.client.set(key, 'token-of-a-dead-receiver', 'PX', 2_000)

    const retry = await receiver.handle(post(body))
    expect(retry.status).toBe(503)
    expect(JSON.parse(retry.body)).toMatchObject({ error: 'store_unavailable' })
    expect(duplicates).not.toHaveBeenCalled()
    expect(await receiver.queue.getJobState(idOf(body))).toBe('unknown')

    // The sender retries; once the dead claim's lease ends, the delivery is enqueued.
    const statuses = await retryUntilAccepted(receiver, body, 10_000)
    expect(statuses.at(-1)).toBe(200)
    expect(await receiver.queue.getJobState(idOf(body))).toBe('waiting')
    expect(duplicates).not.toHaveBeenCalled()
  })

  test('a claim whose job is stored (its confirm lost) is still a duplicate: 200 at once, one job', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const body = variant(2)
    expect((await receiver.handle(post(body))).status).toBe(200)
    // As if the confirm had not reached Redis: the claim still holds its token.
    const key = `blinger-webhooks:dedupe:${queueName}:${idOf(body)}`
    expect(await redis.client.get(key)).toBe('done')
    await redis.client.set(key, 'some-token', 'PX', 60_000)
    const duplicates = vi.fn()
    receiver.on('duplicate', duplicates)
    const retry = await receiver.handle(post(body))
    expect(retry.status).toBe(200)
    expect(duplicates).toHaveBeenCalledTimes(1)
    expect(await receiver.queue.getJobCounts('waiting')).toEqual({ waiting: 1 })
  })

  test('an enqueue that times out (and whose release is lost with the connection): the retry is not a duplicate', async () => {
    const proxy = await createTcpProxy(Number(new URL(redis.url).port))
    proxies.push(proxy)
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, connection: proxy.url, enqueueTimeout: 300 })
    const errors = vi.fn()
    receiver.on('error', errors)
    const duplicates = vi.fn()
    receiver.on('duplicate', duplicates)
    expect((await receiver.handle(post(variant(3)))).status).toBe(200) // both connections are up

    // Redis hangs right after the claim, while the job is being added: the enqueue times out, the job is never
    // stored (a hanging add, whatever BullMQ's connection would resend later), and the release is held.
    const { queue } = receiver
    const add = queue.add.bind(queue)
    let hung = false
    vi.spyOn(queue, 'add').mockImplementation((...args) => {
      if (hung) return add(...args)
      hung = true
      proxy.freeze()
      return new Promise(() => {})
    })
    const body = variant(4)
    const first = await receiver.handle(post(body))
    expect(first.status).toBe(500)
    // Then the connection drops: neither the job nor the release ever reaches Redis; the claim stays.
    proxy.cut()
    proxy.thaw() // what was held went with its connections
    proxy.restore()
    expect(await redis.client.exists(`blinger-webhooks:dedupe:${queueName}:${idOf(body)}`)).toBe(1)
    expect(await receiver.queue.getJobState(idOf(body)).catch(() => 'unknown')).toBe('unknown')

    const statuses = await retryUntilAccepted(receiver, body, 15_000)
    expect(statuses.at(-1)).toBe(200)
    expect(duplicates).not.toHaveBeenCalled()
    expect(await redis.client.exists(`bull:${queueName}:${idOf(body)}`)).toBe(1) // the job is stored
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'handler_failed' }))
  }, 30_000)

  test('concurrent copies of one delivery on two receivers: all 200 once it is stored, one job', async () => {
    const queueName = harness.queueName()
    const receivers = [harness.receiver({ queueName }), harness.receiver({ queueName })]
    const body = variant(5)
    const answers = await Promise.all([0, 1, 0, 1, 0, 1].map((index) => receivers[index]?.handle(post(body))))
    expect(answers.map((answer) => answer?.status)).toEqual(Array(6).fill(200))
    expect(await receivers[0]?.queue.getJobCounts('waiting')).toEqual({ waiting: 1 })
  })
})
