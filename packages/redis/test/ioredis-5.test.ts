import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { describeStoreConformance } from '@blinger-webhooks/conformance/store'
import type { Redis } from 'ioredis'
import { Redis as Redis5 } from 'ioredis5'
import { afterAll } from 'vitest'
import { createRedisStore } from '../src/index.js'

// The peer range admits ioredis 5, which many apps still run: a client of theirs must work as well as ours.
describeWithRedis('createRedisStore with an ioredis 5 client', (redis) => {
  const client = new Redis5(redis.url)
  afterAll(() => client.quit())
  describeStoreConformance('createRedisStore (ioredis 5)', () =>
    // ioredis 5 and 6 declare the same commands; only the class identity differs between the two copies.
    createRedisStore({ connection: client as unknown as Redis, keyPrefix: `${redis.unique('ioredis5')}:` }),
  )
})
