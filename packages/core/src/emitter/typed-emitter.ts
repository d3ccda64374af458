import { EventEmitter } from 'eventemitter3'
import { checkEventName } from './check-event-name.js'
import type { AnyAccount, EmitterEventName, Listener } from './event-map.js'

/** The subscription methods every receiver and adapter exposes. Each returns the object it was called on. */
export interface EmitterMethods<A extends AnyAccount = AnyAccount> {
  /** Adds a listener. The event name narrows the listener's argument; `A` types its `account`. */
  on<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** Adds a listener that is removed after its first call. */
  once<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** Removes a listener added with `on` or `once`; without a listener, removes all of that name. */
  off<K extends EmitterEventName>(name: K, listener?: Listener<K, A>): this
}

type AnyListener = Listener<EmitterEventName>

// eventemitter3's `emit` drops what listeners return, so the dispatcher calls and awaits them itself, from
// `listeners()`. That list does not say which were added with `once`: such a listener is stored as a
// wrapper that names it, which `take` removes and unwraps.
const onceOf = Symbol('once')
type OnceWrapper = ((event: unknown) => unknown) & { readonly [onceOf]: AnyListener }

/** A typed emitter on eventemitter3 (which keeps the order) whose listeners the dispatcher calls and awaits. */
export class TypedEmitter {
  readonly #emitter = new EventEmitter<EmitterEventName>()

  on<K extends EmitterEventName>(name: K, listener: Listener<K>): this {
    checkEventName(name)
    this.#emitter.on(name, listener as AnyListener)
    return this
  }

  once<K extends EmitterEventName>(name: K, listener: Listener<K>): this {
    checkEventName(name)
    const wrapper: OnceWrapper = Object.assign((event: unknown) => listener(event as never), {
      [onceOf]: listener as AnyListener,
    })
    this.#emitter.on(name, wrapper)
    return this
  }

  off<K extends EmitterEventName>(name: K, listener?: Listener<K>): this {
    if (listener === undefined) {
      this.#emitter.removeAllListeners(name)
      return this
    }
    this.#emitter.off(name, listener as AnyListener)
    for (const added of this.#emitter.listeners(name))
      if ((added as Partial<OnceWrapper>)[onceOf] === listener) this.#emitter.off(name, added)
    return this
  }

  /** Whether any listener is registered for `name`. */
  has(name: EmitterEventName): boolean {
    return this.#emitter.listenerCount(name) > 0
  }

  /**
   * The listener of `names` when there is exactly one among them and it was not added with `once`: the usual
   * delivery, taken without the list `take` fills. With the names made once per event, 378 bytes less allocated
   * per delivery (`bench/scripts/allocation.ts`: 4,114 → 3,736 with every feature off).
   */
  only(names: readonly EmitterEventName[]): AnyListener | undefined {
    let found: EmitterEventName | undefined
    for (const name of names) {
      const count = this.#emitter.listenerCount(name)
      if (count === 0) continue
      if (count > 1 || found !== undefined) return undefined
      found = name
    }
    if (found === undefined) return undefined
    const listener = this.#emitter.listeners(found)[0] as AnyListener
    return (listener as Partial<OnceWrapper>)[onceOf] === undefined ? listener : undefined
  }

  /** Appends the listeners due for an emit of `name`, in order; `once` listeners are removed as they are taken. */
  take(name: EmitterEventName, into: AnyListener[]): void {
    if (!this.has(name)) return // `listeners()` would allocate an empty list: most names have no listener
    for (const added of this.#emitter.listeners(name)) {
      const once = (added as Partial<OnceWrapper>)[onceOf]
      if (once === undefined) into.push(added as AnyListener)
      else {
        this.#emitter.off(name, added)
        into.push(once)
      }
    }
  }
}
