/**
 * Where the receiver remembers delivery ids. Implement it to share dedupe across instances (see
 * `@blinger-webhooks/redis`). Methods may answer synchronously or with a promise.
 */
export interface DedupeStore {
  /** Claims `id` for `ttlMs`. Answers `true` when the id was free (the delivery is new), `false` when taken. */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>
  /** Frees `id`, so that a retry of a delivery whose handlers failed is processed again. */
  release(id: string): void | Promise<void>
}
