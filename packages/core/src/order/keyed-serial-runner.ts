/** The caps on what waits for its turn: over either, a new item is refused instead of queued. */
export interface OrderLimits {
  /** The most items waiting behind one key (the one running not counted). */
  readonly perKey: number
  /** The most items waiting behind every key together. */
  readonly total: number
}

/** Where `run` put an item: started at once, queued behind its key, or refused over a cap (it never starts). */
export type Placed = 'started' | 'queued' | 'full'

/** Runs items one after another per key, in the order given; different keys run side by side. */
export interface KeyedSerialRunner<T> {
  run(key: string, item: T): Placed
  /** Items queued and not started yet, over every key. */
  readonly waiting: number
  /** Keys with an item running: each holds its queue, deleted when it empties. */
  readonly keys: number
  /** Takes every waiting item out, in the order they were given: none of them will start. */
  takeWaiting(): T[]
}

/**
 * `start` begins an item and gives what it ends with: anything but a promise means it ended at once, a promise
 * (which should never reject) that it ends when that settles; then the next item of its key starts. The item
 * after one that threw starts too, and the error goes on to whoever started that one.
 */
export function createKeyedSerialRunner<T>(
  start: (item: T) => unknown,
  { perKey, total }: OrderLimits,
): KeyedSerialRunner<T> {
  // Present while an item of the key runs; the array holds the ones waiting behind it.
  const lanes = new Map<string, T[]>()
  // Every waiting item, in the order given: `takeWaiting` keeps the receive order across keys.
  const waiting = new Set<T>()

  /** Starts `item`; `true` while it runs on (its end will call `next`), `false` once it ended. */
  const begin = (key: string, lane: T[], item: T): boolean => {
    let end: unknown
    try {
      end = start(item)
    } catch (error) {
      next(key, lane)
      throw error
    }
    if (!isPromiseLike(end)) return false
    const onEnd = () => next(key, lane)
    end.then(onEnd, onEnd)
    return true
  }

  // A loop, not a recursion: a long queue of items that end at once does not grow the stack.
  const next = (key: string, lane: T[]): void => {
    for (;;) {
      const item = lane.shift()
      if (item === undefined) {
        lanes.delete(key)
        return
      }
      waiting.delete(item)
      if (begin(key, lane, item)) return
    }
  }

  return {
    run(key, item) {
      const lane = lanes.get(key)
      if (lane !== undefined) {
        if (lane.length >= perKey || waiting.size >= total) return 'full'
        lane.push(item)
        waiting.add(item)
        return 'queued'
      }
      const fresh: T[] = []
      lanes.set(key, fresh)
      if (!begin(key, fresh, item)) next(key, fresh)
      return 'started'
    },
    get waiting() {
      return waiting.size
    },
    get keys() {
      return lanes.size
    },
    takeWaiting() {
      const taken = [...waiting]
      waiting.clear()
      for (const lane of lanes.values()) lane.length = 0
      return taken
    },
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}
