import { tracingChannel } from 'node:diagnostics_channel'
import { channelNames, type HandlersContext } from '@blinger-webhooks/core'
import { type Attributes, context, type Span, SpanKind, trace } from '@opentelemetry/api'
import { boundedWebhook } from './bounded-webhook.js'
import { attributes, spanNames } from './names.js'
import { recordFailure } from './record-failure.js'
import type { DeliveryState, Scope, Scopes } from './scopes.js'
import { countDelivery } from './subscribe-delivery.js'
import type { Telemetry } from './telemetry.js'

interface Run {
  readonly span: Span
  readonly scope: Scope
  readonly started: number
  readonly delivery: DeliveryState | undefined
}

/**
 * A span per run of the handlers: a child of the delivery's span over HTTP; in a queue worker a CONSUMER span
 * linked to the receiver's. Records the handler duration and, for an `accepted` delivery, its count.
 */
export function subscribeHandlers(telemetry: Telemetry, scopes: Scopes): () => void {
  const channel = tracingChannel<unknown, HandlersContext>(channelNames.handlers)
  const runs = new WeakMap<HandlersContext, Run>()

  const runOf = (message: HandlersContext): Run => {
    let run = runs.get(message)
    if (run === undefined) {
      const outer = scopes.current()
      const parent = outer?.context ?? context.active()
      const job = outer?.job
      const spanAttributes: Attributes = {
        [attributes.messagingSystem]: 'blinger',
        [attributes.operationName]: 'process',
        [attributes.operationType]: 'process',
        [attributes.destinationName]: message.name,
        [attributes.webhook]: boundedWebhook(message.webhook),
        [attributes.messageId]: message.id,
      }
      if (job !== undefined) spanAttributes[attributes.attempt] = job.attempt
      const span = telemetry.tracer.startSpan(
        spanNames.process,
        job === undefined
          ? { kind: SpanKind.INTERNAL, attributes: spanAttributes }
          : { kind: SpanKind.CONSUMER, attributes: spanAttributes, links: job.links },
        parent,
      )
      run = {
        span,
        scope: { context: trace.setSpan(parent, span) },
        started: performance.now(),
        delivery: outer?.delivery,
      }
      runs.set(message, run)
    }
    return run
  }

  scopes.bind(channel.start, (message) => runOf(message).scope)
  const subscribers = {
    start: (message: HandlersContext) => {
      scopes.refresh()
      runOf(message)
    },
    end: () => {},
    asyncStart: () => {},
    asyncEnd: (message: HandlersContext) => {
      const run = runOf(message)
      const outcome = message.outcome ?? 'handled'
      run.span.setAttribute(attributes.outcome, outcome)
      run.span.end()
      telemetry.handlerDuration.record((performance.now() - run.started) / 1000, {
        [attributes.destinationName]: message.name,
        [attributes.outcome]: outcome,
      })
      if (run.delivery !== undefined) {
        run.delivery.handlersOutcome = outcome
        countDelivery(telemetry, run.delivery)
      }
    },
    error: (message: HandlersContext & { error: unknown }) =>
      recordFailure(runOf(message).span, message.error),
  }
  channel.subscribe(subscribers)
  return () => channel.unsubscribe(subscribers)
}
