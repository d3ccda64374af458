import { describe, expect, test } from 'vitest'
import { compare, type Slice } from '../src/http-bench.js'
import { slice as fixedSlice } from './fixtures/slice.js'

const slice = (cpuMicros: number, extra: Partial<Slice> = {}): Slice =>
  fixedSlice(cpuMicros, { reqPerSec: 1e6 / cpuMicros, p99Ms: cpuMicros / 10, requests: 1000, ...extra })

describe('compare', () => {
  test("pairs a case with its baseline within each process, so a process's offset does not move the ratio", () => {
    // Process 1 runs every route 10 µs dearer: paired across processes, the ratio would swing 0.67–1.5.
    const bare = [
      [slice(20), slice(30)],
      [slice(20), slice(30)],
    ]
    const ours = [
      [slice(25), slice(35)],
      [slice(25), slice(35)],
    ]
    const c = compare('node-ours', 'node:http-bare', ours, bare, 1.15)
    expect(c.extraCpuMicros).toEqual({ median: 5, low: 5, high: 5 })
    expect(c.capacity.low).toBeCloseTo(20 / 25)
    expect(c.capacity.high).toBeCloseTo(30 / 35)
    expect(c.roundsKept).toBe(4)
  })
  test('drops the pairs whose baseline was not calm, and takes GC as a ratio of medians', () => {
    const bare = [[slice(20, { gcMicros: 1 })], [slice(20, { gcMicros: 1 })], [slice(40, { gcMicros: 0 })]]
    const ours = [[slice(25, { gcMicros: 2 })], [slice(25, { gcMicros: 2 })], [slice(45, { gcMicros: 9 })]]
    const c = compare('node-ours', 'node:http-bare', ours, bare, 1.15)
    expect(c.roundsKept).toBe(2)
    expect(c.gc.median).toBe(2)
    expect(c.capacity.median).toBeCloseTo(0.8)
  })
})
