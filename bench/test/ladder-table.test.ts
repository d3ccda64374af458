import { describe, expect, test } from 'vitest'
import { calibrationOf, rungsOf } from '../src/ladder-rungs.js'
import { calibrationTable, docsTable, ladderTable } from '../src/ladder-table.js'

const summary = {
  cpuMicros: { median: 30, low: 29, high: 31.25 },
  reqPerSec: 12_345.6,
  p99Ms: 7.4,
  gcMicros: 1.26,
  busy: 0.97,
  waited: 0.01,
  failures: 0,
}

describe('ladderTable', () => {
  test('one line per rung: the bottom rung without a step, the others with their paired step and option', () => {
    const [bare, plugin] = rungsOf('fastify', 't')
    const step = {
      cpuMicros: { median: 4, low: -0.5, high: 6 },
      gcMicros: { median: 0, low: 0, high: 0 },
      pairsKept: 3,
    }
    const lines = ladderTable([
      { rung: bare as never, summary, step: undefined },
      { rung: plugin as never, summary: { ...summary, reqPerSec: 10_864.1 }, step },
    ]).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toMatch(
      /^\| R0 .*\|\s+30\.0 \(29\.0–31\.3\) \|\s+\|\s+12,346 \|\s+\|\s+7 \|\s+1\.3 \| 0\.97 \|/,
    )
    expect(lines[3]).toContain('**+4.0** (-0.5…+6.0)')
  })
  test("each rung's capacity over the bottom rung's, the ratio the goals are set in", () => {
    const [bare, plugin] = rungsOf('node', 't')
    const lines = ladderTable([
      { rung: bare as never, summary, step: undefined },
      { rung: plugin as never, summary: { ...summary, reqPerSec: 10_864.1 }, step: undefined },
    ]).split('\n')
    expect(lines[0]).toMatch(/\|\s+req\/s \| req\/s ÷ bare \|/)
    expect(lines[3]).toMatch(/\| 10,864 \|\s+0\.88 \|/)
  })
})

describe('calibrationTable', () => {
  test('one line per rung of work: what it measured over bare, that over the work, and the capacity left', () => {
    const [, , twoMicros] = calibrationOf('node')
    const lines = calibrationTable([
      { rung: twoMicros as never, overBare: { median: 6.6, low: 5, high: 7.25 }, capacity: 0.8154 },
    ]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/^\|\s+2 \|\s+\*\*\+6\.6\*\* \(\+5\.0…\+7\.3\) \|\s+3\.3 \|\s+0\.82 \|$/)
  })
  test('the calibration rungs are labelled by their own ids in the ladder table', () => {
    const [bottom] = calibrationOf('koa')
    expect(ladderTable([{ rung: bottom as never, summary, step: undefined }]).split('\n')[2]).toMatch(
      /^\| C0 /,
    )
  })
})

describe('docsTable', () => {
  test('pads every cell and writes the rule as biome formats Markdown tables', () => {
    expect(docsTable(['name', 'µs'], [['hash', '1.5']], [false, true])).toBe(
      ['| name |  µs |', '| ---- | --: |', '| hash | 1.5 |'].join('\n'),
    )
  })
})
