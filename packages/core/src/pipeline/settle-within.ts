/** How a task ended within its time, as seen by `settleWithin`. */
export type Outcome<T> =
  | { state: 'fulfilled'; value: T }
  | { state: 'rejected'; reason: unknown }
  | { state: 'timed-out' }

const timedOut = { state: 'timed-out' } as const

/** Waits for `task` at most `ms`. Never rejects and never leaves a timer behind. */
export async function settleWithin<T>(task: PromiseLike<T> | T, ms: number): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(resolve, ms, timedOut)
  })
  const settled = Promise.resolve(task).then<Outcome<T>, Outcome<T>>(
    (value) => ({ state: 'fulfilled', value }),
    (reason) => ({ state: 'rejected', reason }),
  )
  try {
    return await Promise.race([settled, deadline])
  } finally {
    clearTimeout(timer)
  }
}
