import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Queue } from 'bullmq'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createQueueWorker, type QueueJobData } from '../src/index.js'
import { createHarness } from './fixtures/harness.js'

const closed = FixtureByEventName['conversation.closed']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const variant = (n: number) => ({ ...closed, conversation: { ...closed.conversation, id: 2_000_000 + n } })

describeWithRedis('createQueueWorker', (redis) => {
  const harness = createHarness(redis)

  test('runs the typed handlers of each job, with the delivery id as event id', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const seen: string[] = []
    const worker = harness.worker({ queueName })
    worker
      .on('conversation.closed', (event) => {
        seen.push(`closed ${event.payload.conversation.id}`)
      })
      .on('conversation', (event) => {
        seen.push(`group ${event.name}`)
      })
      .on('*', (event) => {
        seen.push(`any ${event.id === id}`)
      })
    const { id } = await receiver.receive(closed)
    await vi.waitFor(() => expect(seen).toHaveLength(3))
    expect(seen).toEqual([`closed ${closed.conversation.id}`, 'group conversation.closed', 'any true'])
  })

  test("losing Redis is reported with the worker's own code, not the dedupe store's", async () => {
    const errors = vi.fn()
    const worker = harness.worker({ queueName: harness.queueName() })
    worker.on('error', errors)
    worker.worker.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6390'))
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'queue_connection_lost',
        message: expect.stringContaining('lost Redis: connect ECONNREFUSED'),
      }),
    )
  })

  test("the worker's error event is core's emitter: once, off, and console.error with no listener", async () => {
    const worker = harness.worker({ queueName: harness.queueName() })
    const lost = () => worker.worker.emit('error', new Error(`connect ECONNREFUSED ${Math.random()}`))
    const once = vi.fn()
    const kept = vi.fn(async () => {
      throw new Error('a failing error listener is ignored')
    })
    worker.once('error', once).on('error', kept)
    lost()
    lost()
    expect(once).toHaveBeenCalledTimes(1)
    expect(kept).toHaveBeenCalledTimes(2)
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      worker.off('error', kept)
      lost()
      expect(kept).toHaveBeenCalledTimes(2)
      expect(printed).toHaveBeenCalledWith(expect.stringContaining('(queue_connection_lost)'))
    } finally {
      printed.mockRestore()
    }
  })

  test('a failing handler fails the attempt: BullMQ retries with backoff, and every failure is an error event', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, attempts: 3, backoff: { type: 'fixed', delay: 50 } })
    let calls = 0
    const errors = vi.fn()
    const worker = harness.worker({ queueName })
    worker.on('error', errors).on('message.incoming', () => {
      calls += 1
      if (calls < 3) throw new Error(`flaky ${calls}`)
    })
    const { id } = await receiver.receive(FixtureByEventName['message.incoming'])
    await vi.waitFor(async () => expect(await (await receiver.queue.getJob(id))?.isCompleted()).toBe(true), {
      timeout: 5_000,
    })
    expect(calls).toBe(3)
    expect(errors).toHaveBeenCalledTimes(2)
    expect(errors.mock.calls[0]?.[0]).toMatchObject({ code: 'handler_failed', cause: new Error('flaky 1') })
  })

  test('a job that fails for good stays in the failed set with the handler’s error', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, attempts: 2, backoff: { type: 'fixed', delay: 10 } })
    const worker = harness.worker({ queueName })
    worker
      .on('error', () => {})
      .on('user.new', () => {
        throw new TypeError('CRM rejected the user')
      })
    const { id } = await receiver.receive(FixtureByEventName['user.new'])
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(id)).toBe('failed'), {
      timeout: 5_000,
    })
    const job = await receiver.queue.getJob(id)
    expect(job?.attemptsMade).toBe(2)
    expect(job?.failedReason).toBe('CRM rejected the user')
    expect(job?.stacktrace?.at(-1)).toMatch(/^TypeError: CRM rejected the user/)
  })

  test('a payload that fails its schema fails for good at once: another attempt cannot fix it', async () => {
    const queueName = harness.queueName()
    // Something other than our receiver filled the queue.
    const producer = new Queue<QueueJobData>(queueName, { connection: { url: redis.url } })
    const errors = vi.fn()
    const handled = vi.fn()
    harness.worker({ queueName }).on('error', errors).on('*', handled)
    const job = await producer.add(
      'conversation.closed',
      { payload: { ...closed, conversation: 'not an object' }, receivedAt: Date.now() },
      { jobId: 'bad-payload', attempts: 5 },
    )
    await vi.waitFor(async () => expect(await job.getState()).toBe('failed'), { timeout: 5_000 })
    expect((await producer.getJob('bad-payload'))?.attemptsMade).toBe(1)
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_payload' }))
    expect(handled).not.toHaveBeenCalled()
    await producer.close()
  })

  test('close() lets running jobs finish', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const worker = createQueueWorker({ connection: redis.url, queueName })
    let finished = false
    let started = false
    worker.on('conversation.closed', async () => {
      started = true
      await sleep(500)
      finished = true
    })
    const { id } = await receiver.receive(variant(1))
    await vi.waitFor(() => expect(started).toBe(true))
    await worker.close()
    expect(finished).toBe(true)
    expect(await receiver.queue.getJobState(id)).toBe('completed')
  })

  test('a job cancelled through BullMQ aborts event.signal', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, attempts: 1 })
    const worker = harness.worker({ queueName })
    let running = false
    worker
      .on('error', () => {})
      .on('conversation.closed', async (event) => {
        running = true
        await new Promise((_, reject) =>
          event.signal.addEventListener('abort', () => reject(event.signal.reason)),
        )
      })
    const { id } = await receiver.receive(variant(2))
    await vi.waitFor(() => expect(running).toBe(true))
    expect(worker.worker.cancelJob(id, 'operator cancelled')).toBe(true)
    await vi.waitFor(async () => expect(await receiver.queue.getJobState(id)).toBe('failed'))
    expect((await receiver.queue.getJob(id))?.failedReason).toMatch(/no longer waiting/) // core's abort reason
  })

  describe('a worker killed mid-job', () => {
    const children: ChildProcess[] = []
    afterAll(() => {
      for (const child of children) child.kill('SIGKILL')
    })

    test('leads to a retried job, handled once to completion', async () => {
      const queueName = harness.queueName()
      const marks = redis.unique('marks')
      const receiver = harness.receiver({ queueName })
      const child = spawn(
        process.execPath,
        [
          '--conditions=@blinger-webhooks/source',
          '--import',
          'tsx',
          fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url)),
        ],
        {
          env: { ...process.env, REDIS_URL: redis.url, QUEUE: queueName, MARKS: marks, HANDLE_MS: '60000' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      children.push(child)
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve())
        child.once('exit', (code) => reject(new Error(`the worker process exited early (${code})`)))
      })

      const { id } = await receiver.receive(variant(3))
      await vi.waitFor(async () => expect(await redis.client.get(`${marks}:started`)).toBe('1'), {
        timeout: 5_000,
      })
      child.kill('SIGKILL') // mid-job: its handler would have run for a minute
      await new Promise((resolve) => child.once('exit', resolve))
      expect(await redis.client.get(`${marks}:done`)).toBeNull()

      // A second worker finds the job stalled once the dead one's lock expires, and runs it again.
      const done = vi.fn()
      harness
        .worker({ queueName, bullmq: { lockDuration: 1000, stalledInterval: 500 } })
        .on('conversation.closed', async () => {
          await redis.client.incr(`${marks}:started`)
          await sleep(100)
          await redis.client.incr(`${marks}:done`)
          done()
        })
      await vi.waitFor(async () => expect(await receiver.queue.getJobState(id)).toBe('completed'), {
        timeout: 8_000,
        interval: 100,
      })
      expect(await redis.client.mget(`${marks}:started`, `${marks}:done`)).toEqual(['2', '1'])
      expect(done).toHaveBeenCalledTimes(1)
    })
  })
})

describe('createQueueWorker options', () => {
  test('rejects bad options when created', () => {
    expect(() => createQueueWorker({ connection: { lazyConnect: true }, concurrency: 0 })).toThrow(
      /\[@blinger-webhooks\/bullmq\] concurrency must be a whole number/,
    )
  })

  test('keyPrefix, as the receiver names it; the old prefix throws instead of being ignored', async () => {
    const connection = { lazyConnect: true }
    const worker = createQueueWorker({ connection, keyPrefix: 'hooks', autorun: false })
    expect(worker.worker.opts.prefix).toBe('hooks')
    await worker.close()
    const renamed = { connection, prefix: 'hooks' } as never
    expect(() => createQueueWorker(renamed)).toThrow(/The prefix option is now keyPrefix/)
  })

  test('bullmq settings the worker sets from its own options throw instead of being overridden', () => {
    const connection = { lazyConnect: true }
    expect(() => createQueueWorker({ connection, bullmq: { concurrency: 5 } as never })).toThrow(
      /^\[@blinger-webhooks\/bullmq\] bullmq\.concurrency cannot apply: the worker sets it from its own options \(concurrency\)/,
    )
    const both = { connection, bullmq: { prefix: 'x', autorun: false } } as never
    expect(() => createQueueWorker(both)).toThrow(
      /bullmq\.prefix, bullmq\.autorun cannot apply.*\(keyPrefix, autorun\)/,
    )
  })
})
