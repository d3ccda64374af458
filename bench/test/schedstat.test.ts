import { describe, expect, test } from 'vitest'
import { parseSchedstat, waitedShare } from '../src/schedstat.js'

describe('schedstat', () => {
  test("reads /proc/<pid>/schedstat's run and wait nanoseconds", () => {
    expect(parseSchedstat('6542137 36099 2\n')).toEqual({ runNs: 6542137, waitNs: 36099 })
    expect(parseSchedstat('')).toBeUndefined()
  })

  test('the wait over a slice as a share of its wall time, 0 when unknown', () => {
    const before = { runNs: 0, waitNs: 1e9 }
    expect(waitedShare(before, { runNs: 5e8, waitNs: 1.5e9 }, 1)).toBeCloseTo(0.5)
    expect(waitedShare(undefined, before, 1)).toBe(0)
    expect(waitedShare(before, before, 0)).toBe(0)
  })
})
