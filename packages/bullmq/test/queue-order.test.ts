import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { assignTurn, orderHashKey } from '../src/queue-order.js'
import { createHarness } from './fixtures/harness.js'

const incoming = FixtureByEventName['message.incoming']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Message `message` of conversation `conversation`: each a distinct delivery (the id hashes the body). */
const messageOf = (conversation: number, message: number) => ({
  ...incoming,
  conversation_id: conversation,
  message_id: message,
})
const base = () => 1_000_000 + Math.floor(Math.random() * 1_000_000) * 100

/** What the handlers saw, one `start`/`end` mark each, in the order they happened. */
type Mark = readonly [kind: 'start' | 'end', conversation: number, message: number]

/** Per conversation, each message starts after the one before it ended, in the order sent. */
function expectInOrder(marks: readonly Mark[], conversations: readonly number[], messages: number) {
  for (const conversation of conversations) {
    const seen = marks.filter((mark) => mark[1] === conversation).map(([kind, , m]) => `${kind} ${m}`)
    const expected = Array.from({ length: messages }, (_, m) => [`start ${m}`, `end ${m}`]).flat()
    expect(seen, `conversation ${conversation}`).toEqual(expected)
  }
}

describeWithRedis('order in queue mode', (redis) => {
  const harness = createHarness(redis)

  test('many conversations across two workers with concurrency: one at a time per conversation, in the order sent', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, order: 'conversation' })
    const marks: Mark[] = []
    let running = 0
    let most = 0
    for (const _ of [1, 2]) {
      harness.worker({ queueName, concurrency: 4 }).on('message.incoming', async (event) => {
        const { conversation_id: conversation, message_id: message } = event.payload
        marks.push(['start', conversation, message])
        running += 1
        most = Math.max(most, running)
        await sleep(Math.random() * 15)
        running -= 1
        marks.push(['end', conversation, message])
      })
    }
    const first = base()
    const conversations = Array.from({ length: 16 }, (_, c) => first + c)
    const messages = 5
    // Concurrently across conversations, one after another within each.
    await Promise.all(
      conversations.map(async (conversation) => {
        for (let message = 0; message < messages; message++) {
          expect((await receiver.receive(messageOf(conversation, message))).duplicate).toBe(false)
        }
      }),
    )
    await vi.waitFor(() => expect(marks).toHaveLength(conversations.length * messages * 2), {
      timeout: 30_000,
      interval: 50,
    })
    expectInOrder(marks, conversations, messages)
    expect(most).toBeGreaterThan(1) // conversations ran side by side
    // A conversation's hash is deleted once none of its jobs waits: by the worker that passes the last turn,
    // after its handler returned (so after the last mark), hence the wait.
    await vi.waitFor(
      async () => expect(await redis.client.keys(orderHashKey('bull', queueName, '*'))).toEqual([]),
      {
        timeout: 5_000,
        interval: 20,
      },
    )
  })

  test('the receiver numbers each conversation’s jobs at enqueue, under the queue’s key prefix, with a TTL', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, order: 'conversation', keyPrefix: 'ordered' })
    const conversation = base()
    const first = await receiver.receive(messageOf(conversation, 0))
    const second = await receiver.receive(messageOf(conversation, 1))
    const user = await receiver.receive(FixtureByEventName['user.new'])
    const data = async (id: string) => (await receiver.queue.getJob(id))?.data
    expect((await data(first.id))?.order).toMatchObject({ key: String(conversation), seq: 1 })
    expect((await data(second.id))?.order).toMatchObject({ key: String(conversation), seq: 2 })
    expect((await data(user.id))?.order).toBeUndefined() // user.new has no conversation
    const hash = orderHashKey('ordered', queueName, String(conversation))
    expect(hash.startsWith(`ordered:${queueName}:`)).toBe(true)
    expect(await redis.client.pttl(hash)).toBeGreaterThan(0)
    await receiver.queue.obliterate({ force: true })
    await redis.client.del(hash)
  })

  test('a retried job holds its conversation until its last attempt, then is a dead letter and the conversation goes on; others flow meanwhile', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({
      queueName,
      order: 'conversation',
      attempts: 3,
      backoff: { type: 'fixed', delay: 100 },
    })
    const letters: { id: string; reason: string }[] = []
    const stream = { write: (line: string) => letters.push(JSON.parse(line)) > 0 }
    const marks: Mark[] = []
    const [held, other] = [base(), base() + 1]
    let otherFinished: () => void = () => {}
    const otherDone = new Promise<void>((resolve) => {
      otherFinished = resolve
    })
    let attempt = 0
    harness
      .worker({ queueName, concurrency: 4, deadLetters: { stream } })
      .on('error', () => {})
      .on('message.incoming', async (event) => {
        const { conversation_id: conversation, message_id: message } = event.payload
        marks.push(['start', conversation, message])
        // The held job's second attempt ends only once the other conversation is through: had that one waited
        // for the held one, this test would time out.
        if (conversation === held && message === 0 && ++attempt === 2) await otherDone
        await sleep(5)
        marks.push(['end', conversation, message])
        if (conversation === other && message === 2) otherFinished()
        if (conversation === held && message === 0) throw new Error('CRM is down')
      })
    const failing = await receiver.receive(messageOf(held, 0))
    await receiver.receive(messageOf(held, 1))
    for (let message = 0; message < 3; message++) await receiver.receive(messageOf(other, message))
    await vi.waitFor(() => expect(marks.filter((mark) => mark[1] === held)).toHaveLength(8), {
      timeout: 10_000,
    })
    const seen = marks.filter((mark) => mark[1] === held).map(([kind, , m]) => `${kind} ${m}`)
    expect(seen).toEqual(['start 0', 'end 0', 'start 0', 'end 0', 'start 0', 'end 0', 'start 1', 'end 1'])
    expectInOrder(marks, [other], 3)
    expect(await receiver.queue.getJobState(failing.id)).toBe('failed')
    await vi.waitFor(() =>
      expect(letters).toEqual([expect.objectContaining({ id: failing.id, reason: 'failed' })]),
    )
  })

  test('a number whose job was never stored is passed once its enqueue’s deadline is over', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, order: 'conversation' })
    const conversation = base()
    const hash = orderHashKey('bull', queueName, String(conversation))
    // An enqueue that took number 1 and then failed (Redis went away before the job was stored).
    await assignTurn(await receiver.queue.backend.client, hash, 'never-stored', 300)
    const handled = vi.fn()
    harness.worker({ queueName }).on('message.incoming', handled)
    const { id } = await receiver.receive(messageOf(conversation, 0))
    expect((await receiver.queue.getJob(id))?.data.order?.seq).toBe(2)
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(id)).toBe('completed'), {
      timeout: 5_000,
    })
    expect(handled).toHaveBeenCalledTimes(1)
    expect(await redis.client.exists(hash)).toBe(0)
  })

  test('a job that ended without passing its turn (its worker died just after) does not block the next', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, order: 'conversation' })
    const conversation = base()
    // A worker that ignores the order completes number 1 and never passes the turn, as one killed right after
    // BullMQ recorded the job would.
    const careless = harness.worker({ queueName, order: false })
    careless.on('message.incoming', () => {})
    const first = await receiver.receive(messageOf(conversation, 0))
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(first.id)).toBe('completed'))
    await careless.close()
    const hash = orderHashKey('bull', queueName, String(conversation))
    expect(await redis.client.hget(hash, 'head')).toBe('1')

    const handled = vi.fn()
    harness.worker({ queueName }).on('message.incoming', handled)
    const second = await receiver.receive(messageOf(conversation, 1))
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(second.id)).toBe('completed'))
    expect(handled).toHaveBeenCalledTimes(1)
  })

  test('a key function orders what it keys; undefined runs unordered', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({
      queueName,
      order: (event) => (event.name === 'user.new' ? `user/${event.payload.user.id}` : undefined),
    })
    const user = await receiver.receive(FixtureByEventName['user.new'])
    const message = await receiver.receive(messageOf(base(), 0))
    expect((await receiver.queue.getJob(user.id))?.data.order?.key).toBe(
      `user/${FixtureByEventName['user.new'].user.id}`,
    )
    expect((await receiver.queue.getJob(message.id))?.data.order).toBeUndefined()
    await redis.client.del(orderHashKey('bull', queueName, `user/${FixtureByEventName['user.new'].user.id}`))
  })
})

test('bad order options throw when created', async () => {
  const { createQueueReceiver, createQueueWorker } = await import('../src/index.js')
  const connection = { lazyConnect: true }
  expect(() => createQueueReceiver({ token: 't', connection, order: 'message' as never })).toThrow(
    /order must be 'conversation' or a function of the event/,
  )
  expect(() => createQueueWorker({ connection, order: true as never })).toThrow(
    /order must be 'conversation' or false/,
  )
})
