import type { DedupeStore } from '@blinger-webhooks/core'
import { messageFrom } from '@blinger-webhooks/core/internal'
import type { ClaimState } from '@blinger-webhooks/redis'

/** A dedupe store, with the Redis store's `confirm` and `stateOf` when it has them. */
export type QueueClaimStore = DedupeStore & {
  confirm?(id: string, ttlMs: number): Promise<boolean>
  stateOf?(id: string): Promise<ClaimState>
}

/** Options of `createQueueClaims`. */
export interface QueueClaimsOptions {
  /** Whether BullMQ holds a job whose id is `id`: then its delivery is stored, whatever its claim says. */
  jobExists(id: string): Promise<boolean>
  /** `dedupe.ttl`: core extends a claim to it only once the handlers, here the enqueue, succeeded. */
  ttl: number
  /** How long a claim lasts until its job is stored: the enqueue's deadline and a margin. */
  lease: number
  /** How long a retry that finds a claim without a job waits for it to be stored or let go, before its 503. */
  wait: number
}

const prefixed = messageFrom('bullmq')

/**
 * Wraps the receiver's dedupe store so that a held claim means "duplicate" only when the delivery is stored: a
 * claim confirmed after its enqueue (`done`), or a job with its id. A claim still on the wire, whose receiver
 * died, or whose enqueue failed and whose release was lost is waited for, for `wait` ms, then rejected: core
 * answers 503 and the sender retries. Its short lease then lets a later retry take it over.
 */
export function createQueueClaims(store: QueueClaimStore, options: QueueClaimsOptions): DedupeStore {
  const { jobExists, ttl, lease, wait } = options
  const { extend, confirm, stateOf } = store
  // A store without `extend` cannot lengthen a claim later, so it keeps claiming for the TTL core asks.
  const leaseFor = (ttlMs: number) => (extend === undefined ? ttlMs : Math.min(ttlMs, lease))

  /** Where a held claim's delivery stands: stored, let go (claim it again), or neither yet. */
  const check = async (id: string): Promise<'stored' | 'free' | 'pending'> => {
    if (stateOf !== undefined) {
      const state = await stateOf.call(store, id)
      if (state === 'done') return 'stored'
      if (state === 'free') return 'free'
    }
    if (await jobExists(id)) return 'stored'
    // A store that cannot say whether the claim is still held is simply asked to claim again.
    return stateOf === undefined ? 'free' : 'pending'
  }

  const claimHeld = async (id: string, ttlMs: number): Promise<boolean> => {
    const deadline = performance.now() + wait
    let pause = 25
    for (;;) {
      const found = await check(id)
      if (found === 'stored') return false
      if (found === 'free' && (await store.claim(id, leaseFor(ttlMs)))) return true
      if (performance.now() + pause > deadline) break
      await new Promise((resolve) => setTimeout(resolve, pause))
      pause = Math.min(pause * 2, 200)
    }
    throw new Error(
      prefixed(
        `Delivery ${id} is claimed but not stored: its first copy is still being enqueued, failed, or its receiver stopped. A retry is answered 503 until it is stored or its claim's lease ends.`,
      ),
    )
  }

  const claims: DedupeStore = {
    async claim(id, ttlMs) {
      return (await store.claim(id, leaseFor(ttlMs))) || claimHeld(id, ttlMs)
    },
    release: (id) => store.release(id),
  }
  if (extend !== undefined) {
    claims.extend = (id, ttlMs) =>
      // Core extends to the TTL once the enqueue succeeded: that is the moment the delivery counts as seen.
      ttlMs >= ttl && confirm !== undefined ? confirm.call(store, id, ttlMs) : extend.call(store, id, ttlMs)
  }
  return claims
}
