import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import type { DeliveryShape } from './check-shape.js'
import type { Delivery } from './delivery.js'
import type { IdSource, SignalSource } from './event-sources.js'

// A class, not an object literal with `get signal()`: V8 allocates each literal's accessor pair in old space,
// where the dead pair keeps its closure (and the request and response it holds) alive until a full GC. Here
// every event shares one hidden class, and the source sits in a private field of the event.
// `signal` is the class's getter, not an own property: an own accessor costs an `Object.defineProperty` per
// delivery (~0.13 µs in process; over HTTP, paired, it and the lazy id's together cost 1.38 µs per request with
// every feature off), for an AbortSignal that a copy of the event (`{ ...event }`, JSON) could not carry anyway.
// So the own keys are the data: id, account, name, webhook, payload, receivedAt.
class DeliveryEvent {
  declare readonly id: string
  declare readonly account: string | undefined
  declare readonly name: EventName | 'unknown'
  declare readonly webhook: string
  declare readonly payload: DeliveryShape
  declare readonly receivedAt: Date
  #id: IdSource
  #source: SignalSource
  #controller: AbortController | undefined = undefined
  #stopped = false

  constructor(delivery: Delivery) {
    // The delivery computes its id on first read; it is dropped for the string once something reads it.
    const known = delivery.knownId
    this.#id = known ?? delivery
    this.#source = delivery.signal
    const payload = delivery.payload as DeliveryShape
    const self = this as { -readonly [K in keyof DeliveryEvent]: DeliveryEvent[K] }
    // Hashed already (dedupe's claim): a data property. Otherwise an accessor, still an own enumerable key
    // (first, as in the object literal this replaced), so `{ ...event }` keeps the id, the key a copy needs most.
    if (known !== undefined) self.id = known
    else Object.defineProperty(this, 'id', lazyId)
    self.account = delivery.account
    self.name = delivery.name
    self.webhook = payload.webhook
    self.payload = payload
    self.receivedAt = new Date()
  }

  /** Made on first read: an AbortController costs about a microsecond, which most deliveries never need. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const own = new AbortController()
      this.#controller = own
      const requestSignal = signalOf(this.#source)
      if (this.#stopped) own.abort(stoppedWaiting())
      else requestSignal?.addEventListener('abort', () => own.abort(stoppedWaiting()), { once: true })
      if (requestSignal?.aborted === true) own.abort(stoppedWaiting())
    }
    return this.#controller.signal
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
 * Builds the event object handlers receive from a validated delivery (its payload, name, account, signal and
 * lazy id). Its AbortController is made only when a handler reads `signal`, so deliveries whose handlers never
 * look at it pay nothing for it.
 */
export function createEvent(delivery: Delivery): AnyWebhookEvent {
  return new DeliveryEvent(delivery) as AnyWebhookEvent
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
