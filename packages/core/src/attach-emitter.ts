import type { Receiver } from './create-receiver.js'
import { delegateEmitter } from './emitter/delegate-emitter.js'
import type { AnyAccount } from './emitter/event-map.js'
import type { EmitterMethods } from './emitter/typed-emitter.js'

/**
 * A framework's middleware or plugin that also carries the receiver's typed `on`, `once` and `off`, and its
 * `setTokens`. `A` is the type of `event.account`.
 */
export type WithEmitter<T, A extends AnyAccount = AnyAccount> = T &
  EmitterMethods<A> & {
    readonly receiver: Receiver<A>
    readonly setTokens: Receiver<A>['setTokens']
    /** Drains the receiver: see `Receiver.close`. Call it on SIGTERM after the server stopped accepting. */
    readonly close: Receiver<A>['close']
    /** How many deliveries' handlers are running now. */
    readonly running: number
  }

/**
 * Gives an adapter's middleware the receiver's emitter methods, so one value is both mounted and
 * subscribed to. Each method returns the middleware, for chaining.
 */
export function attachEmitter<T extends object, A extends AnyAccount = AnyAccount>(
  value: T,
  receiver: Receiver<A>,
): WithEmitter<T, A> {
  const attached = Object.assign(
    value,
    { receiver, setTokens: receiver.setTokens, close: receiver.close },
    delegateEmitter(receiver),
  )
  return Object.defineProperty(attached, 'running', {
    enumerable: true,
    get: () => receiver.running,
  }) as WithEmitter<T, A>
}
