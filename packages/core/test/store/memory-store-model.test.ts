import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createMemoryStore } from '../../src/store/memory-store.js'

// The store's open-addressing index against a model of what it promises: the Map and ring it replaced.
function modelStore(max: number) {
  const slotOf = new Map<string, number>()
  const idAt: (string | undefined)[] = new Array(max).fill(undefined)
  const expiresAt = new Float64Array(max)
  let next = 0
  return {
    claim(id: string, ttlMs: number): boolean {
      const now = performance.now()
      const held = slotOf.get(id)
      if (held !== undefined) {
        if ((expiresAt[held] as number) > now) return false
        idAt[held] = undefined
      }
      const dropped = idAt[next]
      if (dropped !== undefined) slotOf.delete(dropped)
      idAt[next] = id
      expiresAt[next] = now + ttlMs
      slotOf.set(id, next)
      next = (next + 1) % max
      return true
    },
    release(id: string): void {
      const slot = slotOf.get(id)
      if (slot === undefined) return
      slotOf.delete(id)
      idAt[slot] = undefined
    },
    extend(id: string, ttlMs: number): boolean {
      const now = performance.now()
      const slot = slotOf.get(id)
      if (slot === undefined || (expiresAt[slot] as number) <= now) return false
      expiresAt[slot] = now + ttlMs
      return true
    },
  }
}

// A small seeded generator, so a failure names the seed that reproduces it.
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] })
})
afterEach(() => {
  vi.useRealTimers()
})

test.each([1, 2, 3, 7, 64])('answers every claim, release and extend as the model does (max %i)', (max) => {
  for (let seed = 1; seed <= 20; seed++) {
    const next = random(seed * 1000 + max)
    const store = createMemoryStore({ max })
    const model = modelStore(max)
    // Few distinct ids, so claims repeat; half share their last 16 characters (one hash, told apart by
    // content), and some are account-prefixed delivery ids.
    const tail = 'abcdef0123456789'
    const ids = Array.from({ length: max * 3 + 2 }, (_, i) =>
      i % 2 === 0 ? `acct${i}/${tail}` : `${i.toString(16).padStart(64, '0')}`,
    )
    // Ids shorter than the hashed tail, the empty one too.
    ids.push('', 'a', 'ключ 🔑')
    for (let step = 0; step < 3000; step++) {
      const id = ids[Math.floor(next() * ids.length)] as string
      const roll = next()
      const ttl = 1 + Math.floor(next() * 50)
      if (roll < 0.6) expect(store.claim(id, ttl), `seed ${seed} step ${step}`).toBe(model.claim(id, ttl))
      else if (roll < 0.8)
        expect(store.extend(id, ttl), `seed ${seed} step ${step}`).toBe(model.extend(id, ttl))
      else {
        store.release(id)
        model.release(id)
      }
      if (next() < 0.3) vi.advanceTimersByTime(Math.floor(next() * 20))
    }
  }
})

test('a full store of 64-hex ids keeps every live claim and finds it again', () => {
  const store = createMemoryStore({ max: 1000 })
  const id = (n: number) => n.toString(16).padStart(64, '0')
  for (let n = 0; n < 5000; n++) expect(store.claim(id(n), 60_000)).toBe(true)
  // The last 1000 are held, the ones before were dropped oldest first.
  for (let n = 4000; n < 5000; n++) expect(store.claim(id(n), 60_000)).toBe(false)
  expect(store.claim(id(3999), 60_000)).toBe(true)
})
