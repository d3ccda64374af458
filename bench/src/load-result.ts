/** What one run of the load generator measured, whichever generator ran (wrk or autocannon). */
export interface LoadResult {
  /** Responses received. */
  readonly requests: number
  /** `requests` ÷ the generator's own measured run time. */
  readonly reqPerSec: number
  readonly p99Ms: number
  /** Answers other than 2xx and socket errors (connect, read, write, timeout): all should be 0. */
  readonly failures: number
  /** The generator's own measured run time. */
  readonly seconds: number
}
