import type { AnyWebhookEvent } from '../emitter/event-map.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { Delivery } from './delivery.js'

/** The failure a dispatched delivery given up on ends with: `kept` says whether its dead letter was kept. */
export function gaveUp(delivery: Delivery): WebhookError {
  const event = delivery.event as AnyWebhookEvent
  const timeout = delivery.outcome === 'handlerTimeout'
  return new WebhookError(
    timeout ? 'handler_timeout' : 'shutdown',
    timeout
      ? `The handlers of ${event.name} (delivery ${event.id}) did not settle within handlerDeadline.`
      : `The receiver closed before the handlers of ${event.name} (delivery ${event.id}) settled.`,
    { event, kept: delivery.kept },
  )
}
