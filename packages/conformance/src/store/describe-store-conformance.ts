import type { DedupeStore } from '@blinger-webhooks/core'
import { describe, expect, test } from 'vitest'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The behaviour every `DedupeStore` must share with core's in-memory store, written once. `createStore` is
 * called once per test and must return an empty store (for Redis: a fresh key prefix).
 * @example
 * describeStoreConformance('memory store', () => createMemoryStore())
 */
export function describeStoreConformance(
  name: string,
  createStore: () => DedupeStore | Promise<DedupeStore>,
): void {
  describe(`${name} (store conformance)`, () => {
    test('claims a new id once: true, then false', async () => {
      const store = await createStore()
      expect(await store.claim('delivery-1', 60_000)).toBe(true)
      expect(await store.claim('delivery-1', 60_000)).toBe(false)
      expect(await store.claim('delivery-1', 60_000)).toBe(false)
    })

    test('keeps ids apart', async () => {
      const store = await createStore()
      expect(await store.claim('a', 60_000)).toBe(true)
      expect(await store.claim('b', 60_000)).toBe(true)
      expect(await store.claim('a', 60_000)).toBe(false)
    })

    test('release frees an id, so a retry after a failed handler is processed again', async () => {
      const store = await createStore()
      await store.claim('retried', 60_000)
      await store.release('retried')
      expect(await store.claim('retried', 60_000)).toBe(true)
      expect(await store.claim('retried', 60_000)).toBe(false)
    })

    test('releasing an id that was never claimed is harmless', async () => {
      const store = await createStore()
      await expect(Promise.resolve(store.release('never-claimed'))).resolves.toBeUndefined()
      expect(await store.claim('never-claimed', 60_000)).toBe(true)
    })

    test('forgets an id once its TTL has passed, and a refused claim does not extend it', async () => {
      const store = await createStore()
      // Generous slack before the TTL (a busy machine delays timers); none is needed after it.
      expect(await store.claim('short', 600)).toBe(true)
      await sleep(150)
      expect(await store.claim('short', 600)).toBe(false)
      await sleep(500)
      expect(await store.claim('short', 600)).toBe(true)
    })

    test('a TTL that is not a whole number of milliseconds still works', async () => {
      const store = await createStore()
      expect(await store.claim('fractional', 60_000.5)).toBe(true)
      expect(await store.claim('fractional', 60_000.5)).toBe(false)
    })

    test('exactly one of many simultaneous claims of one id wins', async () => {
      const store = await createStore()
      const results = await Promise.all(Array.from({ length: 25 }, () => store.claim('raced', 60_000)))
      expect(results.filter((won) => won === true)).toHaveLength(1)
      expect(results.filter((won) => won === false)).toHaveLength(24)
    })

    test('takes any string as an id: sha256 hex, separators, unicode, empty', async () => {
      const store = await createStore()
      const ids = ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'a:b:c', 'ключ 🔑', '']
      for (const id of ids) expect(await store.claim(id, 60_000)).toBe(true)
      for (const id of ids) expect(await store.claim(id, 60_000)).toBe(false)
    })

    test('has extend(), so claims can be short leases (a store without it gets whole-TTL claims)', async () => {
      const store = await createStore()
      expect(typeof store.extend).toBe('function')
    })

    test('extend makes a short claim long: it outlives its lease', async () => {
      const store = await createStore()
      expect(await store.claim('leased', 400)).toBe(true)
      expect(await store.extend?.('leased', 60_000)).toBe(true)
      await sleep(600)
      expect(await store.claim('leased', 400)).toBe(false)
    })

    test('a lease that is neither extended nor released ends by itself (a crash mid-handler)', async () => {
      const store = await createStore()
      expect(await store.claim('crashed', 300)).toBe(true)
      expect(await store.extend?.('crashed', 300)).toBe(true) // renewed once while handlers ran
      await sleep(150)
      expect(await store.claim('crashed', 300)).toBe(false)
      await sleep(400)
      expect(await store.claim('crashed', 300)).toBe(true)
    })

    test('extend of a free, released or expired id answers false and claims nothing', async () => {
      const store = await createStore()
      expect(await store.extend?.('never-claimed', 60_000)).toBe(false)
      expect(await store.claim('never-claimed', 60_000)).toBe(true)
      await store.claim('released', 60_000)
      await store.release('released')
      expect(await store.extend?.('released', 60_000)).toBe(false)
      expect(await store.claim('released', 60_000)).toBe(true)
      await store.claim('expired', 100)
      await sleep(250)
      expect(await store.extend?.('expired', 60_000)).toBe(false)
      expect(await store.claim('expired', 60_000)).toBe(true)
    })

    test('release frees an extended claim', async () => {
      const store = await createStore()
      await store.claim('confirmed', 400)
      await store.extend?.('confirmed', 60_000)
      await store.release('confirmed')
      expect(await store.claim('confirmed', 60_000)).toBe(true)
    })

    test('answers real booleans, synchronously or through a promise', async () => {
      const store = await createStore()
      const first = store.claim('typed', 60_000)
      expect(typeof first === 'boolean' || first instanceof Promise).toBe(true)
      expect(typeof (await first)).toBe('boolean')
      expect(typeof (await store.claim('typed', 60_000))).toBe('boolean')
      expect(typeof (await store.extend?.('typed', 60_000))).toBe('boolean')
    })
  })
}
