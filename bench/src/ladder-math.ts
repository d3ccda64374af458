/** The HTTP ladder's arithmetic, kept pure so it is tested: steps (paired by `pairing.ts`), spreads, busy share, profile diffs. */
import type { FunctionTime } from '../scripts/top-self-time.js'
import { type Slice, type Spread, spreadOf } from './http-bench.js'
import { median } from './measure.js'
import { pairedSlices, type SlicesByRound } from './pairing.js'

/** One rung in one round: a slice as `pnpm bench` measures one. */
export type LadderSlice = Slice

export { busyShare } from './measure.js'

/** One rung over every round. */
export interface RungSummary {
  readonly cpuMicros: Spread
  readonly reqPerSec: number
  readonly p99Ms: number
  readonly gcMicros: number
  readonly busy: number
  readonly waited: number
  readonly failures: number
}

export function summarizeRung(slices: readonly LadderSlice[]): RungSummary {
  return {
    cpuMicros: spreadOf(slices.map((s) => s.cpuMicros)),
    reqPerSec: median(slices.map((s) => s.reqPerSec)),
    p99Ms: median(slices.map((s) => s.p99Ms)),
    gcMicros: median(slices.map((s) => s.gcMicros)),
    busy: median(slices.map((s) => s.busy)),
    waited: median(slices.map((s) => s.waited)),
    failures: slices.reduce((sum, s) => sum + s.failures, 0),
  }
}

/**
 * How far apart the processes of one rung ran: per round, the highest CPU µs/request of its processes minus the
 * lowest, as a spread over the rounds: the offset between processes of the same code, which pairing routes of
 * one process leaves out of every step.
 */
export function processSpread(rounds: SlicesByRound): Spread {
  return spreadOf(
    rounds
      .filter((processes) => processes.length > 1)
      .map((processes) => {
        const cpu = processes.map((s) => s.cpuMicros)
        return Math.max(...cpu) - Math.min(...cpu)
      }),
  )
}

/** A rung against the one below it, round by round and process by process. */
export interface Step {
  /** This rung's CPU µs/request minus the rung below's, in the same round and process. */
  readonly cpuMicros: Spread
  /** The same for GC µs/request. */
  readonly gcMicros: Spread
  /** The pairs (a round of one process) the spreads are over. */
  readonly pairsKept: number
}

/**
 * A rung against the rung below: the differences of their slices paired in the same round and process
 * (`pairedSlices`: the rungs of a server are routes of each of its processes), as spreads.
 */
export function stepOf(rounds: SlicesByRound, below: SlicesByRound, calm: number): Step {
  const pairs = pairedSlices(rounds, below, calm)
  return {
    cpuMicros: spreadOf(pairs.map(([a, b]) => a.cpuMicros - b.cpuMicros)),
    gcMicros: spreadOf(pairs.map(([a, b]) => a.gcMicros - b.gcMicros)),
    pairsKept: pairs.length,
  }
}

/** One function's self time per request in two profiles. */
export interface FunctionGrowth {
  readonly fn: string
  readonly belowMicros: number
  readonly aboveMicros: number
  /** `aboveMicros - belowMicros`: what the rung added in this function, per request. */
  readonly grewMicros: number
}

/**
 * The functions whose self time per request grew most from the profile of the rung below to the rung's own,
 * each profile's self time divided by the requests answered while it was taken. A side may list a function
 * more than once (the windows of several profiles, their requests summed): its times add up.
 */
export function profileDiff(
  below: readonly FunctionTime[],
  belowRequests: number,
  above: readonly FunctionTime[],
  aboveRequests: number,
  n: number,
): FunctionGrowth[] {
  const perRequest = (rows: readonly FunctionTime[], requests: number) => {
    const micros = new Map<string, number>()
    for (const row of rows) micros.set(row.fn, (micros.get(row.fn) ?? 0) + row.selfUs / Math.max(1, requests))
    return micros
  }
  const before = perRequest(below, belowRequests)
  const after = perRequest(above, aboveRequests)
  // `(idle)` is time the server waited: growth there is not a cost.
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((fn) => fn !== '(idle)')
    .map((fn) => {
      const belowMicros = before.get(fn) ?? 0
      const aboveMicros = after.get(fn) ?? 0
      return { fn, belowMicros, aboveMicros, grewMicros: aboveMicros - belowMicros }
    })
    .sort((a, b) => b.grewMicros - a.grewMicros)
    .slice(0, n)
}

/** The steps worth a profile: those whose paired median is at least `threshold` µs per request. */
export function costlySteps<T extends { readonly step: Step | undefined }>(
  rows: readonly T[],
  threshold: number,
): T[] {
  return rows.filter((row) => row.step !== undefined && row.step.cpuMicros.median >= threshold)
}

/** A gauge rung of known work: its µs per request, and what it measured over the bare route (a median). */
export interface KnownWork {
  readonly work: number
  readonly measured: number
}

/**
 * How many µs of known work cost what `measured` µs per request over bare did in the same run: read off the
 * gauge's rungs of work by straight lines from (0, 0) through each point, in order of work. A point that measured
 * less than the one before it counts as that one, so the line never falls. `undefined` past the last point.
 */
export function workEquivalent(measured: number, known: readonly KnownWork[]): number | undefined {
  let work = 0
  let cost = 0
  for (const point of known) {
    const next = Math.max(point.measured, cost)
    if (measured <= next)
      return next === cost
        ? work
        : Math.max(0, work + ((measured - cost) * (point.work - work)) / (next - cost))
    work = point.work
    cost = next
  }
  return undefined
}
