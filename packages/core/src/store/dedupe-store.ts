/**
 * Where the receiver remembers delivery ids. Implement it to share dedupe across instances (see
 * `@blinger-webhooks/redis`). Methods may answer synchronously or with a promise.
 *
 * A claim is first a short lease (`handlerTimeout` plus at most 5 s), made long (`dedupe.ttl`) with `extend`
 * only once the handlers succeeded: a failed `release`, a crash or a kill -9 mid-handler then blocks a retry
 * for seconds, not for the whole TTL.
 */
export interface DedupeStore {
  /** Claims `id` for `ttlMs`. Answers `true` when the id was free (the delivery is new), `false` when taken. */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>
  /** Frees `id`, so that a retry of a delivery whose handlers failed is processed again. */
  release(id: string): void | Promise<void>
  /**
   * Sets the time left on a claimed `id` to `ttlMs` (longer or shorter), as Redis's `PEXPIRE`: `true` when it
   * was claimed, `false` (and nothing claimed) when it was free or expired. Optional, so stores written before
   * it keep working: without it, the receiver claims for the whole TTL as before and warns once when created.
   */
  extend?(id: string, ttlMs: number): boolean | Promise<boolean>
}
