import { createMemoryStore } from '@blinger-webhooks/core'
import { describe, expect, test, vi } from 'vitest'
import { createQueueClaims } from '../src/create-queue-claims.js'

const ttl = 60_000
const options = (jobExists: (id: string) => Promise<boolean>) => ({ jobExists, ttl, lease: 500, wait: 150 })

describe('createQueueClaims, over a store without stateOf (a store of your own)', () => {
  test('a new id is claimed for the short lease, not for the TTL core asks', async () => {
    const store = createMemoryStore()
    const claim = vi.spyOn(store, 'claim')
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    expect(await claims.claim('a', 12_000)).toBe(true)
    expect(claim).toHaveBeenCalledWith('a', 500)
  })

  test('a held id whose job exists is a duplicate', async () => {
    const store = createMemoryStore()
    const claims = createQueueClaims(
      store,
      options(async (id) => id === 'b'),
    )
    await claims.claim('b', 12_000)
    expect(await claims.claim('b', 12_000)).toBe(false)
  })

  test('a held id with no job is waited for, then rejected (core answers 503), naming the id', async () => {
    const store = createMemoryStore()
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    await claims.claim('c', 12_000)
    await expect(claims.claim('c', 12_000)).rejects.toThrow(/Delivery c is claimed but not stored/)
  })

  test('a held id let go while the retry waits is taken over', async () => {
    const store = createMemoryStore()
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    await claims.claim('d', 12_000)
    setTimeout(() => claims.release('d'), 50)
    expect(await claims.claim('d', 12_000)).toBe(true)
  })

  test('extend to the TTL (core confirming a stored job) and shorter extends reach the store as they are', async () => {
    const store = createMemoryStore()
    const extend = vi.spyOn(store, 'extend')
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    await claims.claim('e', 12_000)
    await claims.extend?.('e', ttl)
    expect(extend).toHaveBeenCalledWith('e', ttl)
  })

  test('a store without extend keeps claiming for the TTL core asks, and the wrapper has no extend either', async () => {
    const claimed: [string, number][] = []
    const store = {
      claim: (id: string, ms: number) => {
        claimed.push([id, ms])
        return true
      },
      release: () => {},
    }
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    expect(await claims.claim('f', ttl)).toBe(true)
    expect(claimed).toEqual([['f', ttl]])
    expect(claims.extend).toBeUndefined()
  })
})

describe('createQueueClaims, over a store with confirm and stateOf (the Redis store)', () => {
  const stateful = (state: 'free' | 'held' | 'done') => ({
    claim: vi.fn(async () => false),
    release: vi.fn(async () => {}),
    extend: vi.fn(async () => true),
    confirm: vi.fn(async () => true),
    stateOf: vi.fn(async () => state),
  })

  test('extend to the TTL becomes confirm: the claim is marked done', async () => {
    const store = stateful('held')
    const claims = createQueueClaims(
      store,
      options(async () => false),
    )
    await claims.extend?.('g', ttl)
    expect(store.confirm).toHaveBeenCalledWith('g', ttl)
    await claims.extend?.('g', 500)
    expect(store.extend).toHaveBeenCalledWith('g', 500)
  })

  test('a done claim is a duplicate without asking BullMQ', async () => {
    const store = stateful('done')
    const jobExists = vi.fn(async () => false)
    expect(await createQueueClaims(store, options(jobExists)).claim('h', 12_000)).toBe(false)
    expect(jobExists).not.toHaveBeenCalled()
  })

  test('a held claim with no job is rejected after the wait', async () => {
    const store = stateful('held')
    await expect(
      createQueueClaims(
        store,
        options(async () => false),
      ).claim('i', 12_000),
    ).rejects.toThrow(/claimed but not stored/)
  })
})
