import { describeGiven } from '../errors/describe-given.js'
import { messageFrom } from '../errors/message-from.js'
import type { DedupeStore } from './dedupe-store.js'

const prefixed = messageFrom('core')

/** Options of the in-memory dedupe store. */
export interface MemoryStoreOptions {
  /** The most ids kept; the least recently claimed are dropped first, so memory stays bounded. @default 10000 */
  max?: number
}

/**
 * Creates the default dedupe store: ids with a per-id TTL, in this process only, at most `max` of them.
 * @example
 * const receiver = createReceiver({ token, dedupe: { store: createMemoryStore({ max: 50_000 }) } })
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Required<DedupeStore> {
  const max = options.max ?? 10_000
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(
      prefixed(`The memory store's max must be a whole number ≥ 1, got ${describeGiven(max)}.`),
    )
  // Claims in a ring of `max` slots, oldest overwritten first, and each id's slot in a Map: O(1) with no list
  // to reorder. It is what lru-cache did here at about half the cost (lru-cache also reorders on extend and
  // reads the clock in has and set), and a store only ever needs the order in which ids were claimed.
  const slotOf = new Map<string, number>()
  const idAt: (string | undefined)[] = new Array(max).fill(undefined)
  const expiresAt = new Float64Array(max)
  let next = 0
  const release = (id: string) => {
    const slot = slotOf.get(id)
    if (slot === undefined) return
    slotOf.delete(id)
    idAt[slot] = undefined
  }
  return {
    claim(id, ttlMs) {
      const now = performance.now()
      const held = slotOf.get(id)
      if (held !== undefined) {
        if ((expiresAt[held] as number) > now) return false
        idAt[held] = undefined // expired: its old slot is let go
      }
      const dropped = idAt[next]
      if (dropped !== undefined) slotOf.delete(dropped)
      idAt[next] = id
      expiresAt[next] = now + ttlMs
      slotOf.set(id, next)
      next = (next + 1) % max
      return true
    },
    release,
    extend(id, ttlMs) {
      const now = performance.now()
      const slot = slotOf.get(id)
      if (slot === undefined || (expiresAt[slot] as number) <= now) return false
      expiresAt[slot] = now + ttlMs
      return true
    },
  }
}
