import { tracingChannel } from 'node:diagnostics_channel'
import { channelNames, type DeliveryContext } from '@blinger-webhooks/core'
import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { boundedWebhook } from './bounded-webhook.js'
import { attributes, spanNames } from './names.js'
import { recordFailure } from './record-failure.js'
import type { DeliveryState, Scope, Scopes } from './scopes.js'
import type { Telemetry } from './telemetry.js'

const receiveAttributes: Attributes = {
  [attributes.messagingSystem]: 'blinger',
  [attributes.operationName]: 'receive',
  [attributes.operationType]: 'receive',
}

interface Delivery extends DeliveryState {
  readonly span: Span
  readonly scope: Scope
}

/**
 * Counts a delivery once it is known how it ended: at its answer, or, for one answered before its handlers
 * finished (`accepted`), when they do.
 */
export function countDelivery(telemetry: Telemetry, delivery: DeliveryState): void {
  const { message } = delivery
  if (delivery.counted || !delivery.ended) return
  if (message.outcome === 'accepted' && delivery.handlersOutcome === undefined) return
  delivery.counted = true
  const outcome = message.outcome === 'accepted' ? delivery.handlersOutcome : message.outcome
  const counted: Attributes = { [attributes.outcome]: outcome ?? 'refused' }
  if (message.name !== undefined) counted[attributes.destinationName] = message.name
  telemetry.deliveries.add(1, counted)
}

/** A span per delivery, from the request to the answer, with its counter and payload size. */
export function subscribeDelivery(telemetry: Telemetry, scopes: Scopes): () => void {
  const channel = tracingChannel<unknown, DeliveryContext>(channelNames.delivery)
  const deliveries = new WeakMap<DeliveryContext, Delivery>()

  // Called by the first store transform (before `start` is published), or by `start` itself.
  const deliveryOf = (message: DeliveryContext): Delivery => {
    let delivery = deliveries.get(message)
    if (delivery === undefined) {
      const parent = context.active() // the HTTP server span, when an HTTP instrumentation made one
      const span = telemetry.tracer.startSpan(
        spanNames.receive,
        { kind: SpanKind.SERVER, attributes: receiveAttributes },
        parent,
      )
      const state: DeliveryState = { message, ended: false, counted: false }
      delivery = Object.assign(state, {
        span,
        scope: { context: trace.setSpan(parent, span), delivery: state },
      })
      deliveries.set(message, delivery)
    }
    return delivery
  }

  const finish = (message: DeliveryContext & { error?: unknown }) => {
    const delivery = deliveryOf(message)
    const { span } = delivery
    const { id, name, webhook, payloadSize, outcome, status } = message
    if (id !== undefined) span.setAttribute(attributes.messageId, id)
    if (name !== undefined) span.setAttribute(attributes.destinationName, name)
    if (webhook !== undefined) span.setAttribute(attributes.webhook, boundedWebhook(webhook))
    if (payloadSize !== undefined) span.setAttribute(attributes.bodySize, payloadSize)
    if (outcome !== undefined) span.setAttribute(attributes.outcome, outcome)
    if (status !== undefined) span.setAttribute(attributes.statusCode, status)
    if (message.error !== undefined) recordFailure(span, message.error)
    else if (outcome === 'failed') recordFailure(span, message.failure)
    else if (status !== undefined && status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
    span.end()
    delivery.ended = true
    if (payloadSize !== undefined && name !== undefined) {
      telemetry.payloadSize.record(payloadSize, { [attributes.destinationName]: name })
    }
    countDelivery(telemetry, delivery)
  }

  scopes.bind(channel.start, (message) => deliveryOf(message).scope)
  const subscribers = {
    start: (message: DeliveryContext) => {
      scopes.refresh()
      deliveryOf(message)
    },
    end: () => {},
    asyncStart: () => {},
    asyncEnd: finish,
    error: () => {},
  }
  channel.subscribe(subscribers)
  return () => channel.unsubscribe(subscribers)
}
