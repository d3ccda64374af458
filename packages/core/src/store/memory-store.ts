import { LRUCache } from 'lru-cache'
import type { DedupeStore } from './dedupe-store.js'

/** Options of the in-memory dedupe store. */
export interface MemoryStoreOptions {
  /** The most ids kept; the least recently claimed are dropped first, so memory stays bounded. @default 10000 */
  max?: number
}

/**
 * Creates the default dedupe store: ids in a bounded LRU with a per-id TTL, in this process only.
 * @example
 * const receiver = createReceiver({ token, dedupe: { store: createMemoryStore({ max: 50_000 }) } })
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Required<DedupeStore> {
  // lru-cache evicts in O(1); evicting a Map's first key on each insert halved throughput when measured.
  const ids = new LRUCache<string, true>({ max: options.max ?? 10_000, ttlAutopurge: false })
  return {
    claim(id, ttlMs) {
      if (ids.has(id)) return false
      ids.set(id, true, { ttl: ttlMs })
      return true
    },
    release(id) {
      ids.delete(id)
    },
    extend(id, ttlMs) {
      if (!ids.has(id)) return false
      ids.set(id, true, { ttl: ttlMs })
      return true
    },
  }
}
