import { expect, test, vi } from 'vitest'
import { settleWithin } from '../../src/pipeline/settle-within.js'

test('reports fulfilled, rejected and timed-out, and leaves no timer', async () => {
  vi.useFakeTimers()
  expect(await settleWithin(Promise.resolve(1), 100)).toEqual({ state: 'fulfilled', value: 1 })
  expect(await settleWithin(Promise.reject(new Error('x')), 100)).toMatchObject({ state: 'rejected' })
  const pending = settleWithin(new Promise(() => {}), 100)
  await vi.advanceTimersByTimeAsync(100)
  expect(await pending).toEqual({ state: 'timed-out' })
  expect(vi.getTimerCount()).toBe(0)
  vi.useRealTimers()
})
