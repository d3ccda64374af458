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

test('a plain value, a thenable and undefined are fulfilled; what settles after the timeout changes nothing', async () => {
  vi.useFakeTimers()
  expect(await settleWithin(2, 100)).toEqual({ state: 'fulfilled', value: 2 })
  expect(await settleWithin(undefined, 100)).toEqual({ state: 'fulfilled', value: undefined })
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
  const thenable = { then: (fulfil: (value: number) => void) => fulfil(3) } as unknown as PromiseLike<number>
  expect(await settleWithin(thenable, 100)).toEqual({ state: 'fulfilled', value: 3 })
  let finish: (value: number) => void = () => {}
  const late = settleWithin(new Promise<number>((resolve) => (finish = resolve)), 100)
  await vi.advanceTimersByTimeAsync(100)
  finish(4)
  expect(await late).toEqual({ state: 'timed-out' })
  expect(vi.getTimerCount()).toBe(0)
  vi.useRealTimers()
})
