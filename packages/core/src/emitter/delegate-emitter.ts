import type { AnyAccount } from './event-map.js'
import type { EmitterMethods } from './typed-emitter.js'

/**
 * `on`, `once` and `off` that forward to `source` and return the object they are called on, so a receiver or
 * an adapter's middleware chains like an emitter of its own.
 */
export function delegateEmitter<A extends AnyAccount>(source: EmitterMethods<A>): EmitterMethods<A> {
  return {
    on(name, listener) {
      source.on(name, listener)
      return this
    },
    once(name, listener) {
      source.once(name, listener)
      return this
    },
    off(name, listener) {
      source.off(name, listener)
      return this
    },
  }
}
