import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { afterAll, expect, test } from 'vitest'
import { createRedisStore, type RedisStore } from '../src/index.js'

const opened: RedisStore[] = []
afterAll(() => Promise.all(opened.map((store) => store.close())))

describeWithRedis('createRedisStore: confirm and stateOf', (redis) => {
  const keyPrefix = `${redis.unique('state')}:`
  const open = () => {
    const store = createRedisStore({ connection: redis.url, keyPrefix })
    opened.push(store)
    return store
  }

  test('an id is free, then held once claimed, then done once confirmed, with the TTL confirm gave', async () => {
    const store = open()
    expect(await store.stateOf('a')).toBe('free')
    expect(await store.claim('a', 5_000)).toBe(true)
    expect(await store.stateOf('a')).toBe('held')
    expect(await store.confirm('a', 60_000)).toBe(true)
    expect(await store.stateOf('a')).toBe('done')
    expect(await store.claim('a', 5_000)).toBe(false)
    const ttl = await redis.client.pttl(`${keyPrefix}a`)
    expect(ttl).toBeGreaterThan(55_000)
  })

  test('confirm marks nothing when the claim is gone (released or expired)', async () => {
    const store = open()
    expect(await store.confirm('b', 60_000)).toBe(false)
    expect(await store.stateOf('b')).toBe('free')
    await store.claim('b', 5_000)
    await store.release('b')
    expect(await store.confirm('b', 60_000)).toBe(false)
    expect(await store.stateOf('b')).toBe('free')
  })

  test('a done id is released like any claim', async () => {
    const store = open()
    await store.claim('c', 5_000)
    await store.confirm('c', 60_000)
    await store.release('c')
    expect(await store.stateOf('c')).toBe('free')
  })
})
