import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import type { DeliveryShape } from './check-shape.js'
import type { HandleRequest } from './handle-types.js'

/**
 * Where a delivery's abort signal comes from: the signal itself (`receive()`), or the request, whose `signal`
 * or `response` is looked at only when a handler reads `event.signal`: an AbortController costs about a
 * microsecond, which most deliveries never need.
 */
export type SignalSource = AbortSignal | Pick<HandleRequest, 'signal' | 'response'> | undefined

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
  source: SignalSource,
  account?: string,
): EventHandle {
  let controller: AbortController | undefined
  let stopped = false
  const event = {
    id,
    account,
    name,
    webhook: payload.webhook,
    payload,
    receivedAt: new Date(),
    get signal(): AbortSignal {
      if (controller === undefined) {
        const own = new AbortController()
        controller = own
        const requestSignal = signalOf(source)
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

function signalOf(source: SignalSource): AbortSignal | undefined {
  if (source === undefined || source instanceof AbortSignal) return source
  const { signal, response } = source
  if (signal !== undefined || response === undefined) return signal
  const gone = new AbortController()
  if (response.destroyed && !response.writableFinished) gone.abort()
  else
    response.once('close', () => {
      if (!response.writableFinished) gone.abort()
    })
  return gone.signal
}

function stoppedWaiting(): Error {
  return new Error('The sender is no longer waiting for this delivery.')
}
