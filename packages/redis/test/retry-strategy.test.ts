import { expect, test } from 'vitest'
import { retryStrategy } from '../src/index.js'

test('reconnects 100 ms later per attempt, at most 1 s apart', () => {
  expect([1, 2, 5, 10, 50].map(retryStrategy)).toEqual([100, 200, 500, 1000, 1000])
})
