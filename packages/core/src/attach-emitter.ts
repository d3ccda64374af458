import type { Receiver } from './create-receiver.js'
import { delegateEmitter } from './emitter/delegate-emitter.js'
import type { AnyAccount } from './emitter/event-map.js'
import type { EmitterMethods } from './emitter/typed-emitter.js'

/**
 * A framework's middleware or plugin that also carries the receiver's typed `on`, `once` and `off`, and its
 * `setTokens`. `A` is the type of `event.account`.
 */
export type WithEmitter<T, A extends AnyAccount = AnyAccount> = T &
  EmitterMethods<A> & { readonly receiver: Receiver<A>; readonly setTokens: Receiver<A>['setTokens'] }

/**
 * Gives an adapter's middleware the receiver's emitter methods, so one value is both mounted and
 * subscribed to. Each method returns the middleware, for chaining.
 */
export function attachEmitter<T extends object, A extends AnyAccount = AnyAccount>(
  value: T,
  receiver: Receiver<A>,
): WithEmitter<T, A> {
  return Object.assign(value, { receiver, setTokens: receiver.setTokens }, delegateEmitter(receiver))
}
