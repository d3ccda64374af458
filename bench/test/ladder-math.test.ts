import { describe, expect, test } from 'vitest'
import type { FunctionTime } from '../scripts/top-self-time.js'
import {
  busyShare,
  costlySteps,
  processSpread,
  profileDiff,
  stepOf,
  summarizeRung,
  workEquivalent,
} from '../src/ladder-math.js'
import { slice } from './fixtures/slice.js'

describe('busyShare', () => {
  test('is the server CPU time over the wall time', () => {
    expect(busyShare(450_000, 0.5)).toBeCloseTo(0.9)
  })
  test('is 0 for an empty slice', () => {
    expect(busyShare(10, 0)).toBe(0)
  })
})

describe('stepOf', () => {
  const rounds = (...cpu: number[]) => cpu.map((c) => [slice(c)])
  test('pairs each round with the same round of the rung below', () => {
    // Both rungs drift together round by round; the paired step stays 5.
    const step = stepOf(rounds(35, 45, 55, 65), rounds(30, 40, 50, 60), 10)
    expect(step.cpuMicros).toEqual({ median: 5, low: 5, high: 5 })
    expect(step.pairsKept).toBe(4)
  })
  test('drops the rounds where the rung below ran above calm × its median', () => {
    const step = stepOf(rounds(32, 33, 34, 10), rounds(30, 30, 30, 90), 1.15)
    expect(step.pairsKept).toBe(3)
    expect(step.cpuMicros.median).toBe(3)
    expect(step.cpuMicros.low).toBe(2.5)
    expect(step.cpuMicros.high).toBe(3.5)
  })
  test("pairs within each process and pools the pairs: a process's offset cancels, and none is dropped for it", () => {
    // Process 1 runs the same code 9 µs dearer for life (over 1.15 × the median of both): its rounds all stay.
    const below = [
      [slice(30), slice(39)],
      [slice(31), slice(40)],
    ]
    const above = [
      [slice(32), slice(41)],
      [slice(33), slice(42)],
    ]
    const step = stepOf(above, below, 1.15)
    expect(step.pairsKept).toBe(4)
    expect(step.cpuMicros).toEqual({ median: 2, low: 2, high: 2 })
  })
  test("one process's bad slice costs one pair, not the round", () => {
    const step = stepOf(
      [
        [slice(32), slice(32)],
        [slice(32), slice(90)],
      ],
      [
        [slice(30), slice(30)],
        [slice(30), slice(30)],
      ],
      1.15,
    )
    // Averaged per round first, the rounds would read +2 and +31: a median of 16.5.
    expect(step.cpuMicros.median).toBe(2)
  })
  test('pairs GC time the same way', () => {
    const step = stepOf([[slice(1, { gcMicros: 4 })]], [[slice(1, { gcMicros: 1 })]], 1.15)
    expect(step.gcMicros.median).toBe(3)
  })
})

describe('summarizeRung', () => {
  test('takes medians and quartiles over the rounds and sums failures', () => {
    const summary = summarizeRung([slice(10, { failures: 1, busy: 0.8 }), slice(20), slice(30), slice(40)])
    expect(summary.cpuMicros).toEqual({ median: 25, low: 17.5, high: 32.5 })
    expect(summary.busy).toBe(1)
    expect(summary.failures).toBe(1)
  })
})

describe('profileDiff', () => {
  const fn = (name: string, selfUs: number): FunctionTime => ({
    fn: name,
    selfUs,
    selfShare: 0,
    totalUs: selfUs,
    totalShare: 0,
  })
  test('divides each profile by its own requests and sorts by growth', () => {
    const below = [fn('parse', 1000), fn('writev', 2000)]
    const above = [fn('parse', 1500), fn('writev', 3150), fn('hash', 1500)]
    // below: 100 requests; above: 150 requests (it ran as long, answering more).
    const diff = profileDiff(below, 100, above, 150, 10)
    expect(diff.map((d) => d.fn)).toEqual(['hash', 'writev', 'parse'])
    expect(diff[0]).toEqual({ fn: 'hash', belowMicros: 0, aboveMicros: 10, grewMicros: 10 })
    expect(diff[1]?.grewMicros).toBeCloseTo(1)
    expect(diff[2]?.grewMicros).toBe(0)
  })
  test("adds up a function listed once per window, over the windows' requests together", () => {
    // The rung below profiled before and after the rung: 100 + 300 requests, writev 2,000 + 2,000 µs.
    const below = [fn('writev', 2000), fn('parse', 1000), fn('writev', 2000)]
    const diff = profileDiff(below, 400, [fn('writev', 1200)], 100, 10)
    expect(diff.find((d) => d.fn === 'writev')).toEqual({
      fn: 'writev',
      belowMicros: 10,
      aboveMicros: 12,
      grewMicros: 2,
    })
  })
  test('leaves out idle time, which is waiting, not cost', () => {
    expect(profileDiff([], 1, [fn('(idle)', 100), fn('hash', 1)], 1, 10).map((d) => d.fn)).toEqual(['hash'])
  })
  test('keeps the first n', () => {
    expect(profileDiff([fn('a', 1), fn('b', 2)], 1, [], 1, 1)).toHaveLength(1)
  })
})

describe('costlySteps', () => {
  test('keeps the rungs whose paired step is at least the threshold', () => {
    const step = (median: number) => ({
      cpuMicros: { median, low: median, high: median },
      gcMicros: { median: 0, low: 0, high: 0 },
      pairsKept: 1,
    })
    const rows = [{ step: undefined }, { step: step(1.9) }, { step: step(2) }, { step: step(-3) }]
    expect(costlySteps(rows, 2)).toEqual([rows[2]])
  })
})

describe('processSpread', () => {
  test('is the spread over the rounds of the gap between the dearest and the cheapest process', () => {
    const spread = processSpread([
      [slice(10), slice(11)],
      [slice(12), slice(10), slice(15)],
      [slice(20), slice(20)],
    ])
    expect(spread.median).toBe(1)
    expect(spread.high).toBeGreaterThan(spread.low)
  })
})

describe('workEquivalent', () => {
  const known = [
    { work: 1, measured: 4 },
    { work: 2, measured: 6 },
    { work: 4, measured: 10 },
  ]
  test('reads the µs of known work that cost as much, on straight lines between the rungs of work', () => {
    expect(workEquivalent(2, known)).toBeCloseTo(0.5)
    expect(workEquivalent(4, known)).toBeCloseTo(1)
    expect(workEquivalent(5, known)).toBeCloseTo(1.5)
    expect(workEquivalent(8, known)).toBeCloseTo(3)
  })
  test('is 0 for a step of nothing or less, undefined past the last rung of work', () => {
    expect(workEquivalent(-1, known)).toBe(0)
    expect(workEquivalent(10.5, known)).toBeUndefined()
  })
  test('a rung of work that measured less than the one before counts as that one: the line never falls', () => {
    const noisy = [
      { work: 1, measured: 5 },
      { work: 2, measured: 4 },
      { work: 4, measured: 9 },
    ]
    expect(workEquivalent(5, noisy)).toBe(1)
    expect(workEquivalent(7, noisy)).toBeCloseTo(3)
  })
})
