import { Redis, type RedisOptions } from 'ioredis'
import { retryStrategy } from './retry-strategy.js'

/** Where Redis is: a `redis://` URL or ioredis options (replies use ioredis's default mapping). */
export type RedisConnection = string | Omit<RedisOptions, 'replyMapping'>

/**
 * Opens an ioredis client that fails fast, for code that answers an HTTP request. Options given in
 * `connection` win over these defaults:
 *
 * - `enableOfflineQueue: false`: a command issued while disconnected rejects at once; it is never sent later,
 *   when its answer no longer matters (a late `SET NX` would mark as seen a delivery that was answered 503).
 * - `autoResendUnfulfilledCommands: false`: a command cut off by a dropped connection rejects; it is not sent
 *   again after the reconnect, for the same reason.
 * - `retryStrategy`: reconnects after 100 ms, 200 ms, … at most 1 s apart, so service resumes within about a
 *   second of Redis coming back (ioredis waits up to 5 s by default).
 * @example
 * const client = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 */
export function connectRedis(connection: RedisConnection = 'redis://127.0.0.1:6379'): Redis {
  const defaults: Omit<RedisOptions, 'replyMapping'> = {
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    retryStrategy,
  }
  return typeof connection === 'string'
    ? new Redis(connection, defaults)
    : new Redis({ ...defaults, ...connection })
}
