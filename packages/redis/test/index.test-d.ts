import type { DedupeStore } from '@blinger-webhooks/core'
import { blingerWebhooks } from '@blinger-webhooks/express'
import { expectTypeOf, test } from 'vitest'
import { createRedisStore, type RedisStore } from '../src/index.js'

test('a Redis store is a core DedupeStore that any adapter takes', () => {
  // Type-level only: lazyConnect keeps a real client from dialling out if this ever ran.
  const store = createRedisStore({ connection: { lazyConnect: true }, keyPrefix: 'app:', timeout: 500 })
  expectTypeOf(store).toMatchTypeOf<DedupeStore>()
  expectTypeOf(store.claim).returns.resolves.toBeBoolean()
  expectTypeOf(store.close).returns.resolves.toBeVoid()
  blingerWebhooks({ token: 't', dedupe: { store, ttl: 60_000 } })
  expectTypeOf<RedisStore['client']>().not.toBeAny()
  // @ts-expect-error: the prefix is a string
  createRedisStore({ keyPrefix: 1 })
})
