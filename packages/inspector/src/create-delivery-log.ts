import { describeGiven, messageFrom } from '@blinger-webhooks/core/internal'
import type { Delivery } from './delivery-types.js'

/** The deliveries an inspector keeps: the latest `max`, oldest dropped first. */
export interface DeliveryLog {
  /** The most deliveries kept, refused requests apart. */
  readonly max: number
  /** Numbers a delivery (its `seq`), keeps it, and drops the oldest beyond `max` (or `maxRefused`). */
  add(delivery: Omit<Delivery, 'seq'>): Delivery
  /** Replaces fields of a kept delivery; `undefined` when it was dropped meanwhile. */
  update(seq: number, patch: Partial<Omit<Delivery, 'seq'>>): Delivery | undefined
  /** A kept delivery by its `seq`. */
  get(seq: number): Delivery | undefined
  /** Every kept delivery, newest first. */
  list(): Delivery[]
}

/**
 * Statuses given before a request was let in: no token (401), a web page's post (403), a wrong method
 * (405, checked before the token). Anyone who can reach the port can send these.
 */
const refusedStatuses: ReadonlySet<number> = new Set([401, 403, 405])

/**
 * Creates the log: two ring buffers, one for deliveries and a small one for requests refused before they were
 * let in, so a flood of those never evicts a real delivery. Memory stays bounded however long the inspector
 * runs, and each operation but `list` costs the same whatever `max` is.
 */
export function createDeliveryLog(max: number, maxRefused = 20): DeliveryLog {
  if (!Number.isInteger(max) || max <= 0)
    throw new RangeError(
      messageFrom('inspector')(`max must be a positive integer, got ${describeGiven(max)}.`),
    )
  // Insertion order is `seq` order, in both rings at once; `update` keeps a delivery's place.
  const kept = new Map<number, Delivery>()
  const accepted = createRing(max)
  const refused = createRing(maxRefused)
  let nextSeq = 1

  return {
    max,
    add(delivery) {
      const added: Delivery = { ...delivery, seq: nextSeq++ }
      const dropped = (refusedStatuses.has(added.status) ? refused : accepted).push(added.seq)
      if (dropped !== undefined) kept.delete(dropped)
      kept.set(added.seq, added)
      return added
    },
    update(seq, patch) {
      const old = kept.get(seq)
      if (old === undefined) return undefined
      const updated: Delivery = { ...old, ...patch, seq }
      kept.set(seq, updated)
      return updated
    },
    get: (seq) => kept.get(seq),
    list: () => [...kept.values()].reverse(),
  }
}

/** A fixed number of `seq`s; `push` answers the one it dropped to make room. */
function createRing(size: number): { push(seq: number): number | undefined } {
  const slots: (number | undefined)[] = new Array(size)
  let next = 0
  return {
    push(seq) {
      const dropped = slots[next]
      slots[next] = seq
      next = (next + 1) % size
      return dropped
    },
  }
}
