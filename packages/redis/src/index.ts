/** @module @blinger-webhooks/redis: a Redis dedupe store, so several receiver instances handle each delivery once. */

export { connectRedis, type RedisConnection } from './connect-redis.js'
export {
  type ClaimState,
  createRedisStore,
  type RedisStore,
  type RedisStoreOptions,
} from './create-redis-store.js'
export { retryStrategy } from './retry-strategy.js'
