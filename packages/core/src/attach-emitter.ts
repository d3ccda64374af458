import type { Receiver } from './create-receiver.js'
import type { EmitterMethods } from './emitter/typed-emitter.js'

/** A framework's middleware or plugin that also carries the receiver's typed `on`, `once` and `off`. */
export type WithEmitter<T> = T & EmitterMethods & { readonly receiver: Receiver }

/**
 * Gives an adapter's middleware the receiver's emitter methods, so one value is both mounted and
 * subscribed to. Each method returns the middleware, for chaining.
 */
export function attachEmitter<T extends object>(value: T, receiver: Receiver): WithEmitter<T> {
  const methods: EmitterMethods & { receiver: Receiver } = {
    receiver,
    on(name, listener) {
      receiver.on(name, listener)
      return this
    },
    once(name, listener) {
      receiver.once(name, listener)
      return this
    },
    off(name, listener) {
      receiver.off(name, listener)
      return this
    },
  }
  return Object.assign(value, methods)
}
