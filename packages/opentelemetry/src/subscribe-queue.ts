import { channel as plainChannel, tracingChannel } from 'node:diagnostics_channel'
import { channelNames, type EnqueueMessage, type JobContext } from '@blinger-webhooks/core'
import { context, type Link, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import type { Scopes } from './scopes.js'

/**
 * Queue mode: the receiver writes the active context into each job with the global propagator (W3C
 * `traceparent` by default in NodeSDK); the worker's handlers span links to it.
 */
export function subscribeQueue(scopes: Scopes): () => void {
  const enqueue = plainChannel(channelNames.enqueue)
  const inject = (message: unknown) => {
    const active = scopes.current()?.context ?? context.active()
    propagation.inject(active, (message as EnqueueMessage).traceContext)
  }
  enqueue.subscribe(inject)

  const job = tracingChannel<unknown, JobContext>(channelNames.job)
  scopes.bind(job.start, (message) => {
    const links: Link[] = []
    if (message.traceContext !== undefined) {
      const sender = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, message.traceContext))
      if (sender !== undefined && trace.isSpanContextValid(sender)) links.push({ context: sender })
    }
    return { context: context.active(), job: { links, attempt: message.attempt } }
  })
  const subscribers = {
    start: () => scopes.refresh(),
    end: () => {},
    asyncStart: () => {},
    asyncEnd: () => {},
    error: () => {},
  }
  job.subscribe(subscribers)
  return () => {
    enqueue.unsubscribe(inject)
    job.unsubscribe(subscribers)
  }
}
