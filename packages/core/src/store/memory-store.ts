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
  // Claims sit in a ring of `max` slots, oldest overwritten first, found through an open-addressing index of
  // slot numbers (linear probing, at most half full) keyed by a hash of the id's last 16 characters: a delivery
  // id ends in sha256 hex, so those are random. It replaced a Map from id to slot, which hashed the whole
  // 64-character key and, deleting as often as it inserted, rebuilt its table every few thousand claims: claim
  // + extend of a new id 0.69 → 0.29 µs in process, with a third less scavenging.
  const idAt: (string | undefined)[] = new Array(max).fill(undefined)
  const hashAt = new Int32Array(max)
  const expiresAt = new Float64Array(max)
  let size = 2
  while (size < max * 2) size *= 2
  const mask = size - 1
  const index = new Int32Array(size) // slot + 1, or 0 for an empty bucket
  let next = 0

  const find = (id: string, hash: number): number => {
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const entry = index[bucket] as number
      if (entry === 0) return -1
      const slot = entry - 1
      if (hashAt[slot] === hash && idAt[slot] === id) return slot
    }
  }

  // Backward-shift deletion: every entry after the hole that may move back does, so no tombstones pile up.
  const forget = (slot: number): void => {
    let hole = (hashAt[slot] as number) & mask
    while (index[hole] !== slot + 1) hole = (hole + 1) & mask
    for (let bucket = (hole + 1) & mask; index[bucket] !== 0; bucket = (bucket + 1) & mask) {
      const entry = index[bucket] as number
      const home = (hashAt[entry - 1] as number) & mask
      if (((bucket - home) & mask) >= ((bucket - hole) & mask)) {
        index[hole] = entry
        hole = bucket
      }
    }
    index[hole] = 0
    idAt[slot] = undefined
  }

  return {
    claim(id, ttlMs) {
      const now = performance.now()
      const hash = hashOf(id)
      const held = find(id, hash)
      if (held !== -1) {
        if ((expiresAt[held] as number) > now) return false
        forget(held) // expired: its old slot is let go
      }
      if (idAt[next] !== undefined) forget(next)
      idAt[next] = id
      hashAt[next] = hash
      expiresAt[next] = now + ttlMs
      let bucket = hash & mask
      while (index[bucket] !== 0) bucket = (bucket + 1) & mask
      index[bucket] = next + 1
      next = (next + 1) % max
      return true
    },
    release(id) {
      const slot = find(id, hashOf(id))
      if (slot !== -1) forget(slot)
    },
    extend(id, ttlMs) {
      const now = performance.now()
      const slot = find(id, hashOf(id))
      if (slot === -1 || (expiresAt[slot] as number) <= now) return false
      expiresAt[slot] = now + ttlMs
      return true
    },
  }
}

/** FNV-1a of the last 16 UTF-16 code units: the random tail of a delivery id, read without hashing the rest. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5 | 0 // an int32 from the start, as `hashAt` keeps it: the empty id is never through `Math.imul`
  for (let i = Math.max(0, id.length - 16); i < id.length; i++)
    hash = Math.imul(hash ^ id.charCodeAt(i), 16777619)
  return hash
}
