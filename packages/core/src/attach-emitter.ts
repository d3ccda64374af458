import type { Receiver } from './create-receiver.js'
import { delegateEmitter } from './emitter/delegate-emitter.js'
import type { EmitterMethods } from './emitter/typed-emitter.js'

/** A framework's middleware or plugin that also carries the receiver's typed `on`, `once` and `off`. */
export type WithEmitter<T> = T & EmitterMethods & { readonly receiver: Receiver }

/**
 * Gives an adapter's middleware the receiver's emitter methods, so one value is both mounted and
 * subscribed to. Each method returns the middleware, for chaining.
 */
export function attachEmitter<T extends object>(value: T, receiver: Receiver): WithEmitter<T> {
  return Object.assign(value, { receiver }, delegateEmitter(receiver))
}
