import { describe, expect, test } from 'vitest'
import { combineProcesses, pairedSlices, shuffledOf } from '../src/pairing.js'
import { slice } from './fixtures/slice.js'

describe('pairedSlices', () => {
  test('pairs a route with its baseline in the same round and the same process', () => {
    const pairs = pairedSlices(
      [
        [slice(13), slice(23)],
        [slice(14), slice(24)],
      ],
      [
        [slice(10), slice(20)],
        [slice(10), slice(20)],
      ],
      1.15,
    )
    expect(pairs.map(([a, b]) => a.cpuMicros - b.cpuMicros).sort()).toEqual([3, 3, 4, 4])
  })
  test("keeps the rounds where the baseline ran calm in its own process, so a process's offset drops none", () => {
    // Process 1 runs 10 µs dearer for life; its round 2 baseline (40) is a busy round and is dropped alone.
    const baseline = [
      [slice(10), slice(20)],
      [slice(10), slice(20)],
      [slice(10), slice(40)],
    ]
    const route = [
      [slice(12), slice(22)],
      [slice(12), slice(22)],
      [slice(12), slice(42)],
    ]
    const pairs = pairedSlices(route, baseline, 1.15)
    expect(pairs).toHaveLength(5)
    expect(pairs.every(([a, b]) => a.cpuMicros - b.cpuMicros === 2)).toBe(true)
  })
  test('skips a round a process did not measure', () => {
    expect(pairedSlices([[slice(12)], []], [[slice(10)], [slice(10)]], 1.15)).toHaveLength(1)
  })
})

describe('combineProcesses', () => {
  test('averages every rate over the processes, unweighted, and sums the counts', () => {
    const one = combineProcesses([
      slice(10, { requests: 100, gcMicros: 1, failures: 1, busy: 0.9 }),
      slice(40, { requests: 300, gcMicros: 3, busy: 1 }),
    ])
    expect(one.cpuMicros).toBeCloseTo(25)
    expect(one.gcMicros).toBeCloseTo(2)
    expect(one.requests).toBe(400)
    expect(one.failures).toBe(1)
    expect(one.busy).toBeCloseTo(0.95)
  })
  test('one process is itself', () => {
    expect(combineProcesses([slice(12)])).toEqual(slice(12))
  })
})

describe('shuffledOf', () => {
  const routes = ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R0-again']
  test('deals every route once, the same way for the same round and process', () => {
    expect([...shuffledOf(routes, 3, 1)].sort()).toEqual([...routes].sort())
    expect(shuffledOf(routes, 3, 1)).toEqual(shuffledOf(routes, 3, 1))
    expect(shuffledOf(routes, 3, 1)).not.toEqual(shuffledOf(routes, 3, 0))
  })
  test('gives each route varied neighbours over a run, unlike a fixed order', () => {
    // Over 20 rounds of 2 processes, the routes just before R0-again: a fixed order gave only R7 and none.
    const before = new Set<string>()
    for (let round = 0; round < 20; round++)
      for (const process of [0, 1]) {
        const order = shuffledOf(routes, round, process)
        before.add(order[order.indexOf('R0-again') - 1] ?? 'none')
      }
    expect(before.size).toBeGreaterThanOrEqual(7)
  })
})
