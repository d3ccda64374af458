/**
 * ioredis's `retryStrategy`: reconnect after 100 ms, 200 ms, … at most 1 s apart, so service resumes within about
 * a second of Redis coming back (ioredis waits up to 5 s by default, BullMQ up to 20 s).
 */
export function retryStrategy(times: number): number {
  return Math.min(times * 100, 1000)
}
