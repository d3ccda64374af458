import { createTcpProxy, describeWithRedis, unusedPort } from '@blinger-webhooks/conformance/redis'
import { describeStoreConformance } from '@blinger-webhooks/conformance/store'
import { createReceiver } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createRedisStore, type RedisStore } from '../src/index.js'

const post = (body: object): HandleRequest => ({
  method: 'POST',
  url: '/webhooks/blinger?token=secret',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
})

/** Stores opened by a test, closed after the file. */
const opened: RedisStore[] = []
const open = (options: Parameters<typeof createRedisStore>[0]) => {
  const store = createRedisStore(options)
  opened.push(store)
  return store
}
afterAll(() => Promise.all(opened.map((store) => store.close())))

describeWithRedis('createRedisStore', (redis) => {
  describeStoreConformance('createRedisStore (its own client)', () =>
    open({ connection: redis.url, keyPrefix: `${redis.unique('conformance')}:` }),
  )
  describeStoreConformance('createRedisStore (a client you own)', () =>
    open({ connection: redis.client, keyPrefix: `${redis.unique('conformance')}:` }),
  )

  test('claims with SET NX PX: the key is the prefix plus the id, and carries the TTL', async () => {
    const keyPrefix = `${redis.unique('keys')}:`
    const store = open({ connection: redis.url, keyPrefix })
    await store.claim('abc', 60_000)
    const ttl = await redis.client.pttl(`${keyPrefix}abc`)
    expect(ttl).toBeGreaterThan(55_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  test('the default key prefix is blinger-webhooks:dedupe:', async () => {
    const store = open({ connection: redis.url })
    const id = redis.unique('default-prefix')
    await store.claim(id, 5_000)
    expect(await redis.client.exists(`blinger-webhooks:dedupe:${id}`)).toBe(1)
    await store.release(id)
    expect(await redis.client.exists(`blinger-webhooks:dedupe:${id}`)).toBe(0)
  })

  test('stores on separate connections with one prefix share their claims', async () => {
    const keyPrefix = `${redis.unique('shared')}:`
    const [first, second] = [
      open({ connection: redis.url, keyPrefix }),
      open({ connection: redis.url, keyPrefix }),
    ]
    const results = await Promise.all([first.claim('x', 60_000), second.claim('x', 60_000)])
    expect(results.sort()).toEqual([false, true])
    await first.release('x')
    expect(await second.claim('x', 60_000)).toBe(true)
  })

  test('two receivers sharing one Redis, given the same delivery, emit it once', async () => {
    const keyPrefix = `${redis.unique('receivers')}:`
    const handled = vi.fn()
    const receivers = [1, 2].map(() => {
      const receiver = createReceiver({
        token: 'secret',
        dedupe: { store: open({ connection: redis.url, keyPrefix }) },
      })
      receiver.on('conversation.closed', handled)
      return receiver
    })
    const delivery = FixtureByEventName['conversation.closed']
    const answers = await Promise.all(
      [...receivers, ...receivers].map((receiver) => receiver.handle(post(delivery))),
    )
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200])
    expect(handled).toHaveBeenCalledTimes(1)
  })

  test('a failed handler releases the id in Redis, so the retry reaches another instance', async () => {
    const keyPrefix = `${redis.unique('release')}:`
    const failing = createReceiver({
      token: 'secret',
      dedupe: { store: open({ connection: redis.url, keyPrefix }) },
    })
    failing.on('error', () => {})
    failing.on('message.incoming', () => {
      throw new Error('database down')
    })
    const healthy = createReceiver({
      token: 'secret',
      dedupe: { store: open({ connection: redis.url, keyPrefix }) },
    })
    const handled = vi.fn()
    healthy.on('message.incoming', handled)
    const delivery = FixtureByEventName['message.incoming']
    expect((await failing.handle(post(delivery))).status).toBe(500)
    await vi.waitFor(async () => expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([]))
    expect((await healthy.handle(post(delivery))).status).toBe(200)
    expect(handled).toHaveBeenCalledTimes(1)
  })

  test('a claim that times out is undone once Redis answers, so the retry is not taken for a duplicate', async () => {
    const port = Number(new URL(redis.url).port)
    const proxy = await createTcpProxy(port)
    try {
      const keyPrefix = `${redis.unique('late')}:`
      const store = open({ connection: proxy.url, keyPrefix, timeout: 200 })
      expect(await store.claim('warm-up', 60_000)).toBe(true)
      proxy.freeze()
      await expect(store.claim('late', 60_000)).rejects.toThrow(/did not answer within 200 ms \(claim\)/)
      proxy.thaw() // the held SET NX now runs, then the undo
      await vi.waitFor(async () => expect(await redis.client.exists(`${keyPrefix}late`)).toBe(0))
      expect(await store.claim('late', 60_000)).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  test('Redis going away mid-life: claims reject at once, and succeed again once it is back', async () => {
    const port = Number(new URL(redis.url).port)
    const proxy = await createTcpProxy(port)
    // A long timeout, so that answering quickly proves the claim did not wait for it.
    const store = open({ connection: proxy.url, keyPrefix: `${redis.unique('outage')}:`, timeout: 5_000 })
    expect(await store.claim('before', 60_000)).toBe(true)
    await proxy.close()
    await vi.waitFor(() => expect(store.client.status).not.toBe('ready'))
    const started = performance.now()
    await expect(store.claim('during', 60_000)).rejects.toThrow(
      /\[@blinger-webhooks\/redis\] Redis is not reachable/,
    )
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  test('a client you own is not closed by close()', async () => {
    const client = new Redis(redis.url)
    const store = createRedisStore({ connection: client })
    await store.claim(redis.unique('owned'), 1_000)
    await store.close()
    expect(await client.ping()).toBe('PONG')
    await client.quit()
  })
})

describe('createRedisStore without Redis', () => {
  test('a claim rejects quickly with a clear message, and the receiver answers 503 store_unavailable', async () => {
    const store = open({ connection: `redis://127.0.0.1:${await unusedPort()}`, timeout: 5_000 })
    await expect(store.claim('x', 1_000)).rejects.toThrow(
      /\[@blinger-webhooks\/redis\] Redis is not reachable: .*ECONNREFUSED/,
    )

    const receiver = createReceiver({ token: 'secret', dedupe: { store } })
    const errors = vi.fn()
    receiver.on('error', errors)
    const handled = vi.fn()
    receiver.on('*', handled)
    const started = performance.now()
    const answer = await receiver.handle(post(FixtureByEventName['user.new']))
    expect(performance.now() - started).toBeLessThan(1_500) // well below the store's 5 s timeout: no waiting
    expect(answer.status).toBe(503)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'store_unavailable' })
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'store_failed' }))
    expect(handled).not.toHaveBeenCalled()
  })

  test('the first claim waits for the first connection, at most `timeout` ms', async () => {
    // A port that accepts nothing and refuses nothing: a black hole for the connection attempt.
    const { createServer } = await import('node:net')
    const server = createServer(() => {}).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    try {
      const store = open({ connection: `redis://127.0.0.1:${address.port}`, timeout: 150 })
      const started = performance.now()
      await expect(store.claim('x', 1_000)).rejects.toThrow(/within 150 ms \(claim\)/)
      expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    } finally {
      server.close()
    }
  })

  test('rejects bad options when created', () => {
    expect(() => createRedisStore({ timeout: 0, connection: { lazyConnect: true } })).toThrow(
      /\[@blinger-webhooks\/redis\] timeout must be a positive number/,
    )
  })
})
