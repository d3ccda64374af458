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

/** A delivery's id, or the delivery that computes it on first read (dedupe off: nothing else needs it). */
export type IdSource = string | { readonly id: string }

// A class, not an object literal with `get signal()`: V8 allocates each literal's accessor pair in old space,
// where the dead pair keeps its closure (and the request and response it holds) alive until a full GC. Here
// every event shares one hidden class and one getter, and the source sits in a private field of the event.
class DeliveryEvent {
  declare readonly id: string
  declare readonly account: string | undefined
  declare readonly name: EventName | 'unknown'
  declare readonly webhook: string
  declare readonly payload: DeliveryShape
  declare readonly receivedAt: Date
  declare readonly signal: AbortSignal
  #id: IdSource
  #source: SignalSource
  #controller: AbortController | undefined = undefined
  #stopped = false

  constructor(
    id: IdSource,
    name: EventName | 'unknown',
    payload: DeliveryShape,
    source: SignalSource,
    account: string | undefined,
  ) {
    this.#id = id
    this.#source = source
    // The own keys, their order and descriptors of the object literal this replaced: data properties, then
    // `signal` as an enumerable accessor, so `{ ...event }` and `JSON.stringify(event)` still carry it.
    const self = this as { -readonly [K in keyof DeliveryEvent]: DeliveryEvent[K] }
    if (typeof id === 'string') self.id = id
    else Object.defineProperty(this, 'id', lazyId)
    self.account = account
    self.name = name
    self.webhook = payload.webhook
    self.payload = payload
    self.receivedAt = new Date()
    Object.defineProperty(this, 'signal', signal)
  }

  static abort(event: object): void {
    if (!(#stopped in event)) return
    event.#stopped = true
    event.#controller?.abort(stoppedWaiting())
  }

  static idOf(event: DeliveryEvent): string {
    if (typeof event.#id !== 'string') event.#id = event.#id.id
    return event.#id
  }

  static signalOf(event: DeliveryEvent): AbortSignal {
    if (event.#controller === undefined) {
      const own = new AbortController()
      event.#controller = own
      const requestSignal = signalOf(event.#source)
      if (event.#stopped) own.abort(stoppedWaiting())
      else requestSignal?.addEventListener('abort', () => own.abort(stoppedWaiting()), { once: true })
      if (requestSignal?.aborted === true) own.abort(stoppedWaiting())
    }
    return event.#controller.signal
  }
}

// One descriptor per accessor, shared by every event: the same getter keeps every event on one hidden class.
const signal: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: DeliveryEvent) {
    return DeliveryEvent.signalOf(this)
  },
}
// With dedupe off nothing in the pipeline needs the id, so its sha256 is computed when something reads it.
const lazyId: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: DeliveryEvent) {
    return DeliveryEvent.idOf(this)
  },
}

/**
 * Builds the event object handlers receive. Its AbortController is made only when a handler reads
 * `signal`, so deliveries whose handlers never look at it pay nothing for it.
 */
export function createEvent(
  id: IdSource,
  name: EventName | 'unknown',
  payload: DeliveryShape,
  source: SignalSource,
  account?: string,
): AnyWebhookEvent {
  return new DeliveryEvent(id, name, payload, source, account) as AnyWebhookEvent
}

/** Aborts `event.signal` once the sender stops waiting; a no-op for an event `createEvent` did not make. */
export function abortEvent(event: AnyWebhookEvent): void {
  DeliveryEvent.abort(event)
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
