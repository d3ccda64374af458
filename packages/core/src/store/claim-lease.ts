import { messageFrom } from '../errors/message-from.js'
import type { DedupeStore } from './dedupe-store.js'

const prefixed = messageFrom('core')

/** The most a claim outlives `handlerTimeout` while nothing confirms it. */
const maxLeaseMargin = 5000

/**
 * How long a new claim lasts: `handlerTimeout` plus a margin of at most 5 s (less for a short timeout, so
 * tests and quick apps get quick retries), or the whole `ttl` for a store without `extend`, which cannot
 * lengthen a claim later. That one warns once, at creation: its failed releases block retries for the TTL.
 */
export function claimLease(store: DedupeStore, ttl: number, handlerTimeout: number): number {
  if (typeof store.extend !== 'function') {
    console.warn(
      prefixed(
        'The dedupe store has no extend(id, ttlMs) method, so claims last the whole dedupe.ttl: a release that fails (the store is down) makes a retry of a failed delivery look like a duplicate until then. Add extend() (see DedupeStore).',
      ),
    )
    return ttl
  }
  return Math.min(ttl, handlerTimeout + Math.min(maxLeaseMargin, handlerTimeout))
}

/** Resolved dedupe settings, as far as leases need them. */
interface LeasedDedupe {
  readonly store: DedupeStore
  readonly ttl: number
  readonly lease: number
}

/**
 * What a claimed delivery does with its lease: `confirm` gives it the whole TTL once the handlers succeeded;
 * `keepAlive` renews it every `handlerTimeout` while handlers run past their deadline.
 */
export function createClaimLease(
  dedupe: LeasedDedupe | undefined,
  handlerTimeout: number,
  report: (cause: unknown, what: string) => void,
) {
  const extend = dedupe?.store.extend
  if (dedupe === undefined || extend === undefined) return { confirm() {}, keepAlive() {} }
  const { store, ttl, lease } = dedupe
  // Synchronous stores (the memory store) answer at once: no promise on the hot path.
  const call = (id: string, ms: number, what: string) => {
    try {
      const answer: unknown = extend.call(store, id, ms)
      if (typeof (answer as PromiseLike<unknown> | null)?.then === 'function')
        Promise.resolve(answer).catch((cause: unknown) => report(cause, what))
    } catch (cause) {
      report(cause, what)
    }
  }
  return {
    confirm(id: string) {
      // A failure here only shortens dedupe: the lease ends soon, and a retry is handled twice, never lost.
      if (lease < ttl) call(id, ttl, 'keep a handled delivery for dedupe.ttl')
    },
    keepAlive(id: string, done: Promise<unknown>) {
      const renew = () => call(id, lease, 'renew the claim of a delivery whose handlers still run')
      renew()
      const timer = setInterval(renew, handlerTimeout)
      timer.unref?.()
      done.then(() => clearInterval(timer))
    },
  }
}
