import type { EmitterEventName, EventMap, Listener } from './event-map.js'
import type { TypedEmitter } from './typed-emitter.js'

const noErrors: readonly unknown[] = Object.freeze([])

/**
 * Calls every listener of `names` with `event` and gathers what they threw or rejected with.
 * Never throws and never rejects. Stays synchronous when no listener returns a promise, so a delivery
 * with synchronous handlers costs no extra microtask.
 */
export function dispatch<K extends EmitterEventName>(
  emitter: TypedEmitter,
  names: readonly K[],
  event: EventMap[K],
): readonly unknown[] | Promise<readonly unknown[]> {
  const single = emitter.only(names)
  if (single !== undefined) return dispatchOne(single, event)
  const listeners: Listener<EmitterEventName>[] = []
  for (const name of names) emitter.take(name, listeners)
  if (listeners.length === 0) return noErrors
  if (listeners.length === 1) return dispatchOne(listeners[0] as Listener<EmitterEventName>, event)
  const errors: unknown[] = []
  const collect = (error: unknown) => {
    errors.push(error)
  }
  const pending: Promise<void>[] = []
  for (const listener of listeners) {
    try {
      const result = listener(event as never)
      if (isPromiseLike(result)) pending.push(Promise.resolve(result).then(undefined, collect))
    } catch (error) {
      collect(error)
    }
  }
  if (pending.length === 0) return errors
  // One async listener, the usual case, needs no Promise.all around its promise.
  const settled = pending.length === 1 ? (pending[0] as Promise<void>) : Promise.all(pending)
  return settled.then(() => errors)
}

// One listener, the usual case: no list of errors, no collecting closure and one promise hop instead of two
// (measured: 700 bytes less allocated per delivery with an async listener, 12,970 → 12,270 in process).
function dispatchOne(
  listener: Listener<EmitterEventName>,
  event: unknown,
): readonly unknown[] | Promise<readonly unknown[]> {
  let result: unknown
  try {
    result = listener(event as never)
  } catch (error) {
    return [error]
  }
  return isPromiseLike(result) ? Promise.resolve(result).then(noErrorsAfter, oneError) : noErrors
}

const noErrorsAfter = () => noErrors
const oneError = (error: unknown): readonly unknown[] => [error]

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}
