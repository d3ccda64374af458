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
