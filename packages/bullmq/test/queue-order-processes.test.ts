import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, expect, test, vi } from 'vitest'
import { createHarness } from './fixtures/harness.js'

const incoming = FixtureByEventName['message.incoming']
const messageOf = (conversation: number, message: number) => ({
  ...incoming,
  conversation_id: conversation,
  message_id: message,
})

/** One `start`/`end` mark of the list the worker processes write: kind, conversation, message, pid. */
type Mark = readonly [kind: string, conversation: number, message: number, pid: number]
const parse = (line: string): Mark => {
  const [kind = '', conversation, message, pid] = line.split(' ')
  return [kind, Number(conversation), Number(message), Number(pid)]
}
/** One conversation's marks, in the order they were written: `start 0`, `end 0`, … */
const marksOf = (seen: readonly Mark[], conversation: number): string[] =>
  seen.filter((mark) => mark[1] === conversation).map(([kind, , m]) => `${kind} ${m}`)
/** Every message of the conversation started after the one before it ended. */
const inOrder = (messages: number): string[] =>
  Array.from({ length: messages }, (_, m) => [`start ${m}`, `end ${m}`]).flat()

describeWithRedis('order in queue mode, two worker processes', (redis) => {
  const harness = createHarness(redis)
  const children: ChildProcess[] = []
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL')
  })

  /** Starts `fixtures/ordered-worker-process.ts`; resolves once it takes jobs. */
  async function workerProcess(env: Record<string, string>): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@blinger-webhooks/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('./fixtures/ordered-worker-process.ts', import.meta.url)),
      ],
      { env: { ...process.env, REDIS_URL: redis.url, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    children.push(child)
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve())
      child.once('exit', (code) => reject(new Error(`the worker process exited early (${code})`)))
    })
    return child
  }

  /** Sends `messages` per conversation: concurrently across conversations, one after another within each. */
  async function send(
    receiver: ReturnType<typeof harness.receiver>,
    conversations: number[],
    messages: number,
  ) {
    await Promise.all(
      conversations.map(async (conversation) => {
        for (let message = 0; message < messages; message++)
          await receiver.receive(messageOf(conversation, message))
      }),
    )
  }

  test('one conversation at a time, in the order sent, across two processes', async () => {
    const queueName = harness.queueName()
    const marks = redis.unique('marks')
    const receiver = harness.receiver({ queueName, order: 'conversation' })
    await Promise.all([1, 2].map(() => workerProcess({ QUEUE: queueName, MARKS: marks })))
    const first = 3_000_000 + Math.floor(Math.random() * 1_000_000) * 100
    const conversations = Array.from({ length: 12 }, (_, c) => first + c)
    const messages = 5
    await send(receiver, conversations, messages)
    const log = `${marks}:log`
    await vi.waitFor(
      async () => expect(await redis.client.llen(log)).toBe(conversations.length * messages * 2),
      {
        timeout: 30_000,
        interval: 100,
      },
    )
    const seen = (await redis.client.lrange(log, 0, -1)).map(parse)
    for (const conversation of conversations) {
      expect(marksOf(seen, conversation), `conversation ${conversation}`).toEqual(inOrder(messages))
    }
    expect(new Set(seen.map((mark) => mark[3])).size).toBe(2) // both processes took jobs
    await redis.client.del(log)
  }, 60_000)

  test('a process killed mid-job: its conversation resumes after the stalled check, in order; the others flow', async () => {
    const queueName = harness.queueName()
    const marks = redis.unique('marks')
    const receiver = harness.receiver({ queueName, order: 'conversation' })
    const env = { QUEUE: queueName, MARKS: marks, SLOW_MESSAGE: '1' } // the first run of message 1 hangs
    const processes = await Promise.all([1, 2].map(() => workerProcess(env)))
    const first = 4_000_000 + Math.floor(Math.random() * 1_000_000) * 100
    const conversations = Array.from({ length: 6 }, (_, c) => first + c)
    const messages = 4
    // One conversation first, so its message 1 is the one that hangs; then the others.
    const [stuck = 0, ...others] = conversations
    await send(receiver, [stuck], messages)
    const log = `${marks}:log`
    const started = async () =>
      (await redis.client.lrange(log, 0, -1))
        .map(parse)
        .find((m) => m[0] === 'start' && m[1] === stuck && m[2] === 1)
    await vi.waitFor(async () => expect(await started()).toBeDefined(), { timeout: 10_000 })
    const pid = (await started())?.[3]
    const victim = processes.find((child) => child.pid === pid)
    expect(victim).toBeDefined()
    victim?.kill('SIGKILL') // mid-job: its handler would have run for a minute
    await new Promise((resolve) => victim?.once('exit', resolve))
    await send(receiver, others, messages)

    // The survivor runs the others, finds message 1 stalled once the dead one's lock expires, runs it again,
    // then the rest of its conversation.
    const expected = conversations.length * messages * 2 + 1 // the killed run left a start without an end
    await vi.waitFor(async () => expect(await redis.client.llen(log)).toBe(expected), {
      timeout: 30_000,
      interval: 100,
    })
    const seen = (await redis.client.lrange(log, 0, -1)).map(parse)
    for (const conversation of others) {
      expect(marksOf(seen, conversation), `conversation ${conversation}`).toEqual(inOrder(messages))
    }
    expect(marksOf(seen, stuck)).toEqual([
      'start 0',
      'end 0',
      'start 1',
      'start 1',
      'end 1',
      'start 2',
      'end 2',
      'start 3',
      'end 3',
    ])
    await redis.client.del(log, `${marks}:slow`)
  }, 60_000)
})
