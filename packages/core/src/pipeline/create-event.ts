import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import type { DeliveryShape } from './check-shape.js'

/** An event, and the way to abort its `signal` once the sender stops waiting. */
export interface EventHandle {
  readonly event: AnyWebhookEvent
  abort(): void
}

/**
 * Builds the event object handlers receive. Its AbortController is made only when a handler reads
 * `signal`, so deliveries whose handlers never look at it pay nothing for it.
 */
export function createEvent(
  id: string,
  name: EventName | 'unknown',
  payload: DeliveryShape,
  requestSignal: AbortSignal | undefined,
): EventHandle {
  let controller: AbortController | undefined
  let stopped = false
  const event = {
    id,
    name,
    webhook: payload.webhook,
    payload,
    receivedAt: new Date(),
    get signal(): AbortSignal {
      if (controller === undefined) {
        const own = new AbortController()
        controller = own
        if (stopped) own.abort(stoppedWaiting())
        else requestSignal?.addEventListener('abort', () => own.abort(stoppedWaiting()), { once: true })
        if (requestSignal?.aborted === true) own.abort(stoppedWaiting())
      }
      return controller.signal
    },
  }
  return {
    event: event as AnyWebhookEvent,
    abort() {
      stopped = true
      controller?.abort(stoppedWaiting())
    },
  }
}

function stoppedWaiting(): Error {
  return new Error('The sender is no longer waiting for this delivery.')
}
