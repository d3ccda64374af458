import { EventEmitter } from 'eventemitter3'
import type { AnyAccount, EmitterEventName, EventMap, Listener } from './event-map.js'

/** The subscription methods every receiver and adapter exposes. Each returns the object it was called on. */
export interface EmitterMethods<A extends AnyAccount = AnyAccount> {
  /** Adds a listener. The event name narrows the listener's argument; `A` types its `account`. */
  on<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** Adds a listener that is removed after its first call. */
  once<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** Removes a listener added with `on` or `once`; without a listener, removes all of that name. */
  off<K extends EmitterEventName>(name: K, listener?: Listener<K, A>): this
}

// eventemitter3 never awaits listeners and drops their return values, so the emitter only collects them:
// each user listener is registered as a collector that hands itself to the dispatcher, which then calls
// and awaits it. eventemitter3 still owns ordering and `once` removal.
type Collector = (event: unknown, into: Listener<EmitterEventName>[]) => void
type CollectorMap = { [K in EmitterEventName]: [event: EventMap[K], into: Listener<EmitterEventName>[]] }

/** A typed emitter on eventemitter3 whose listeners the dispatcher can call and await itself. */
export class TypedEmitter {
  readonly #emitter = new EventEmitter<CollectorMap>()
  readonly #collectors = new WeakMap<Listener<never>, Collector>()

  #collectorOf(listener: Listener<never>): Collector {
    let collector = this.#collectors.get(listener)
    if (collector === undefined) {
      collector = (_event, into) => {
        into.push(listener as Listener<EmitterEventName>)
      }
      this.#collectors.set(listener, collector)
    }
    return collector
  }

  on<K extends EmitterEventName>(name: K, listener: Listener<K>): this {
    this.#emitter.on(name, this.#collectorOf(listener))
    return this
  }

  once<K extends EmitterEventName>(name: K, listener: Listener<K>): this {
    this.#emitter.once(name, this.#collectorOf(listener))
    return this
  }

  off<K extends EmitterEventName>(name: K, listener?: Listener<K>): this {
    if (listener === undefined) this.#emitter.removeAllListeners(name)
    else {
      const collector = this.#collectors.get(listener)
      if (collector !== undefined) this.#emitter.off(name, collector)
    }
    return this
  }

  /** Whether any listener is registered for `name`. */
  has(name: EmitterEventName): boolean {
    return this.#emitter.listenerCount(name) > 0
  }

  /** The listeners due for this emit, in order; `once` listeners are removed as they are taken. */
  take<K extends EmitterEventName>(name: K, event: EventMap[K], into: Listener<EmitterEventName>[]): void {
    this.#emitter.emit(name, event as never, into)
  }
}
