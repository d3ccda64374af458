import { expect, test } from 'vitest'
import { createMemoryStore } from '../../src/store/memory-store.js'

test('claims an id once until it is released', () => {
  const store = createMemoryStore()
  expect(store.claim('a', 60_000)).toBe(true)
  expect(store.claim('a', 60_000)).toBe(false)
  store.release('a')
  expect(store.claim('a', 60_000)).toBe(true)
})

test('keeps at most `max` ids, dropping the oldest', () => {
  const store = createMemoryStore({ max: 3 })
  for (const id of ['a', 'b', 'c', 'd']) expect(store.claim(id, 60_000)).toBe(true)
  expect(store.claim('a', 60_000)).toBe(true)
  expect(store.claim('d', 60_000)).toBe(false)
})

test('forgets an id after its TTL', async () => {
  const store = createMemoryStore()
  expect(store.claim('a', 20)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 40))
  expect(store.claim('a', 20)).toBe(true)
})

test('an id released and claimed again is not dropped when its first slot is overwritten', () => {
  const store = createMemoryStore({ max: 3 })
  store.claim('a', 60_000)
  store.release('a')
  for (const id of ['b', 'a', 'c']) expect(store.claim(id, 60_000)).toBe(true)
  // 'd' overwrites the slot 'a' had first; the second claim of 'a' still holds.
  expect(store.claim('d', 60_000)).toBe(true)
  expect(store.claim('a', 60_000)).toBe(false)
  expect(store.claim('b', 60_000)).toBe(true) // the oldest claim was 'b'
})

test('extend sets the time left on a live claim only, and does not make it newer', async () => {
  const store = createMemoryStore({ max: 2 })
  expect(store.extend('a', 60_000)).toBe(false)
  expect(store.claim('a', 20)).toBe(true)
  expect(store.extend('a', 60_000)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 40))
  expect(store.claim('a', 60_000)).toBe(false) // extended past its first 20 ms
  expect(store.claim('b', 20)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 40))
  expect(store.extend('b', 60_000)).toBe(false) // expired first
  expect(store.claim('c', 60_000)).toBe(true) // overwrites 'a', the least recently claimed
  expect(store.claim('a', 60_000)).toBe(true)
})

test('max must be a whole number of ids', () => {
  for (const max of [0, -1, 2.5, Number.NaN])
    expect(() => createMemoryStore({ max })).toThrow(/max must be a whole number ≥ 1, got/)
  expect(() => createMemoryStore({ max: 1 })).not.toThrow()
})
