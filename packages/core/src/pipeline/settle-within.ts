import { lazyTimeout } from './lazy-timeout.js'

/** How a task ended within its time, as seen by `settleWithin`. */
export type Outcome<T> =
  | { state: 'fulfilled'; value: T }
  | { state: 'rejected'; reason: unknown }
  | { state: 'timed-out' }

const timedOut = { state: 'timed-out' } as const

/** Waits for `task` at most `ms`. Never rejects and never leaves a timer behind. */
export function settleWithin<T>(task: PromiseLike<T> | T, ms: number): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const timeout = lazyTimeout(ms, () => resolve(timedOut))
    Promise.resolve(task).then(
      (value) => {
        timeout.cancel()
        resolve({ state: 'fulfilled', value })
      },
      (reason: unknown) => {
        timeout.cancel()
        resolve({ state: 'rejected', reason })
      },
    )
  })
}
