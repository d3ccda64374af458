import { channel, tracingChannel } from 'node:diagnostics_channel'
import {
  type AnyWebhookEvent,
  channelNames,
  type EnqueueMessage,
  type JobContext,
} from '@blinger-webhooks/core'
import type { Job } from 'bullmq'
import type { QueueJobData } from './queue-job-data.js'

const enqueueChannel = channel(channelNames.enqueue)
const jobChannel = tracingChannel<unknown, JobContext>(channelNames.job)

/**
 * What subscribers of `blinger-webhooks:enqueue` (a tracer) want carried to the worker, as job data to spread;
 * nothing, at no cost, when nobody subscribes.
 */
export function traceContextFor(event: AnyWebhookEvent): Pick<QueueJobData, 'traceContext'> | undefined {
  if (!enqueueChannel.hasSubscribers) return undefined
  const message: EnqueueMessage = { id: event.id, name: event.name, traceContext: {} }
  enqueueChannel.publish(message)
  return Object.keys(message.traceContext).length === 0 ? undefined : { traceContext: message.traceContext }
}

/**
 * Runs one attempt at a job inside the `blinger-webhooks:job` trace, when someone subscribes. Resolves to
 * nothing: the channel would otherwise put what `run` resolves to (the event, payload and all) in the context.
 */
export async function traceJob(
  job: Job<QueueJobData, void, string>,
  run: () => Promise<unknown>,
): Promise<void> {
  if (!jobChannel.hasSubscribers) {
    await run()
    return
  }
  const context: JobContext = {
    id: job.id ?? '',
    name: job.name,
    attempt: job.attemptsMade + 1,
    traceContext: job.data?.traceContext,
  }
  await jobChannel.tracePromise(async () => {
    await run()
  }, context)
}
