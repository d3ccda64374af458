import { channel, tracingChannel } from 'node:diagnostics_channel'
import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { channelNames, type EnqueueMessage, type JobContext } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { createHarness } from './fixtures/harness.js'

const closed = FixtureByEventName['conversation.closed']
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describeWithRedis('trace context through the job', (redis) => {
  const harness = createHarness(redis)

  test('what an enqueue subscriber writes reaches the job trace of the worker', async () => {
    const enqueue = channel(channelNames.enqueue)
    const write = (message: unknown) => {
      ;(message as EnqueueMessage).traceContext.traceparent = 'carried'
    }
    enqueue.subscribe(write)
    cleanups.push(() => enqueue.unsubscribe(write))
    const jobs: JobContext[] = []
    const job = tracingChannel<unknown, JobContext>(channelNames.job)
    const subscribers = {
      start: (context: JobContext) => void jobs.push(context),
      end: () => {},
      asyncStart: () => {},
      asyncEnd: () => {},
      error: () => {},
    }
    job.subscribe(subscribers)
    cleanups.push(() => job.unsubscribe(subscribers))

    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const worker = harness.worker({ queueName })
    const ran = vi.fn()
    worker.on('conversation.closed', ran)
    const { id } = await receiver.receive(closed)
    const stored = await receiver.queue.getJob(id)
    expect(stored?.data.traceContext).toEqual({ traceparent: 'carried' })
    await vi.waitFor(() => expect(ran).toHaveBeenCalledOnce())
    expect(jobs).toEqual([
      { id, name: 'conversation.closed', attempt: 1, traceContext: { traceparent: 'carried' } },
    ])
  })

  test('nobody subscribed: the job carries no trace context', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName })
    const { id } = await receiver.receive(closed)
    const stored = await receiver.queue.getJob(id)
    expect(stored?.data).not.toHaveProperty('traceContext')
  })
})
