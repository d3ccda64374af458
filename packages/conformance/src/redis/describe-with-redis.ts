import { randomUUID } from 'node:crypto'
import { messageFrom } from '@blinger-webhooks/core/internal'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, test } from 'vitest'

/** Where the tests' Redis listens: `REDIS_URL`, or the port `packages/redis/scripts/start-redis.sh` uses. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390'

const startHint = 'Start it with `bash packages/redis/scripts/start-redis.sh` (or set REDIS_URL).'

async function probe(url: string): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  let cause: unknown
  client.on('error', (error: unknown) => (cause = error)) // says more than connect()'s "Connection is closed."
  try {
    await client.connect()
    await client.ping()
    return undefined
  } catch (error) {
    const reason = cause ?? error
    return reason instanceof Error ? reason.message : String(reason)
  } finally {
    client.disconnect()
  }
}

const problem = await probe(redisUrl)
if (problem !== undefined && process.env.CI === 'true') {
  throw new Error(
    messageFrom('conformance')(`Redis is not reachable at ${redisUrl} (${problem}). ${startHint}`),
  )
}
if (problem !== undefined) {
  console.warn(`Skipping the Redis-backed tests: no Redis at ${redisUrl} (${problem}). ${startHint}`)
}

/** What a Redis-backed suite gets: the URL, a client for assertions, and names no other test uses. */
export interface TestRedis {
  readonly url: string
  /** A client for assertions, connected for the suite's lifetime. */
  readonly client: Redis
  /** A name unique to this call, for key prefixes and queue names, so suites can share one Redis. */
  unique(label: string): string
}

/**
 * A `describe` that runs against the tests' Redis, or is skipped with the reason when there is none (outside CI).
 * @example
 * describeWithRedis('redis store', (redis) => { test('…', async () => { await redis.client.ping() }) })
 */
export function describeWithRedis(name: string, body: (redis: TestRedis) => void): void {
  if (problem !== undefined) {
    describe.skip(name, () => {
      test(`needs Redis at ${redisUrl}`, () => {})
    })
    return
  }
  let client: Redis | undefined
  const redis: TestRedis = {
    url: redisUrl,
    get client() {
      client ??= new Redis(redisUrl, { maxRetriesPerRequest: 1 })
      return client
    },
    unique: (label) => `test-${label}-${randomUUID().slice(0, 8)}`,
  }
  describe(name, () => {
    beforeAll(() => redis.client.ping())
    afterAll(async () => {
      await client?.quit()
    })
    body(redis)
  })
}
