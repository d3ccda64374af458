import { byteLength } from '#platform'
import { eventNameOf } from '../emitter/event-names.js'
import type { WebhookError } from '../errors/webhook-error.js'
import type { Delivery } from '../pipeline/delivery.js'
import type { HandleRequest, HandleResponse, Responder } from '../pipeline/handle-types.js'
import { outcomes } from '../pipeline/outcomes.js'
import { deliveryChannel } from './channels.js'
import type { DeliveryContext } from './diagnostics-contexts.js'

type Handle = (request: HandleRequest, trace?: DeliveryContext) => Promise<HandleResponse>

/**
 * Wraps `handle()` in the `blinger-webhooks:delivery` trace. With no subscriber it calls `handle` as it is:
 * no context object, no closure, no promise beyond handle's own.
 */
export function traceDelivery(handle: Handle): (request: HandleRequest) => Promise<HandleResponse> {
  const traced = async (request: HandleRequest, context: DeliveryContext): Promise<HandleResponse> => {
    const response = await handle(request, context)
    context.status = response.status
    context.outcome ??= 'refused' // answered before its body was processed: method, token, type, size, JSON
    return response
  }
  return (request) => {
    if (!deliveryChannel.hasSubscribers) return handle(request)
    const context: DeliveryContext = {}
    return deliveryChannel.tracePromise(traced, context, undefined, request, context)
  }
}

/**
 * The responder adapters call: while someone subscribes to the delivery channel, the traced `handle()` and its
 * promise (the trace ends with the answer); otherwise `untraced`, the callback pipeline. A throw before the
 * first step hands off goes to `fail`, as a rejection of `handle()` would.
 */
export function traceResponder(
  traced: (request: HandleRequest) => Promise<HandleResponse>,
  untraced: Responder,
): Responder {
  return (request, reply, fail) => {
    if (deliveryChannel.hasSubscribers) traced(request).then(reply, fail)
    else
      try {
        untraced(request, reply, fail)
      } catch (error) {
        fail(error)
      }
  }
}

/**
 * Fills a traced delivery's context once its outcome is known, or once it is answered before its handlers
 * settled (`accepted`). Reads no payload value but `webhook`. A delivery refused before its body was processed
 * is left as it is: the wrapper calls it `refused`.
 */
export function describeDelivery(context: DeliveryContext, delivery: Delivery): void {
  const { outcome, body } = delivery
  if (outcome === undefined) return
  // A dispatched event's id is hashed at most once, by whoever reads it first.
  context.id = delivery.id
  const size =
    typeof body === 'string'
      ? byteLength(body)
      : body instanceof Uint8Array
        ? body.byteLength
        : Number(delivery.request?.headers['content-length'])
  if (Number.isFinite(size)) context.payloadSize = size
  const webhook = (delivery.payload as { webhook?: unknown } | null)?.webhook
  if (typeof webhook === 'string') {
    context.webhook = webhook
    context.name = eventNameOf(webhook)
  }
  if (delivery.event === undefined) {
    if (outcome === 'storeUnavailable') settle(context, delivery.failure)
    else if (outcome !== 'dispatched') context.outcome = outcomes[outcome].diagnostics
    return
  }
  if (context.outcome === outcomes.unhandled.diagnostics) return // set by traceHandlers: no listener
  if (outcome === 'dispatched') context.outcome = outcomes.accepted.diagnostics
  // Handled, failed, or given up (`close()` before the answer): the failure, if any, is the trace's.
  else settle(context, delivery.failure)
}

function settle(context: DeliveryContext, failure: WebhookError | undefined): void {
  context.outcome = (failure === undefined ? outcomes.ok : outcomes.handlerFailed).diagnostics
  // A handler failure's own error: core's wrapper carries the event, and with it the payload.
  if (failure !== undefined) context.failure = failure.code === 'handler_failed' ? failure.cause : failure
}
