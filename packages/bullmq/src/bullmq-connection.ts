import { type RedisConnection, retryStrategy } from '@blinger-webhooks/redis'
import type { RedisOptions as BullmqRedisOptions } from 'bullmq'
import type { RedisOptions } from 'ioredis'

/**
 * BullMQ's connection options for one role. A URL becomes `{ url }`, which BullMQ opens itself. Reconnects are
 * capped at 1 s apart (BullMQ waits up to 20 s), so work resumes soon after Redis is back; given options win.
 */
export function bullmqConnection(
  connection: RedisConnection,
  extra: Omit<RedisOptions, 'replyMapping'> = {},
): BullmqRedisOptions {
  const base = typeof connection === 'string' ? { url: connection } : connection
  // BullMQ types ioredis's options loosely, with an index signature, and hands them to ioredis as they are.
  return {
    retryStrategy,
    ...extra,
    ...base,
  } as BullmqRedisOptions
}
