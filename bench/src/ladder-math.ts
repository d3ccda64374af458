/** The HTTP ladder's arithmetic, kept pure so it is tested: pairing, spreads, busy share, profile diffs. */
import type { FunctionTime } from '../scripts/top-self-time.js'
import { type Slice, type Spread, spreadOf } from './http-bench.js'
import { median } from './measure.js'

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
 * One round of a rung run in several processes: their slices as one, CPU and GC per request averaged over the
 * requests each answered, requests and failures summed. A process keeps its own JIT decisions and heap layout
 * for its whole life, so one process per rung gives each rung a bias of its own (measured: two processes of
 * one rung once differed by 8 µs for a whole run); several average it out.
 */
export function combineReplicas(replicas: readonly LadderSlice[]): LadderSlice {
  const requests = replicas.reduce((sum, s) => sum + s.requests, 0)
  const weighted = (field: 'cpuMicros' | 'gcMicros') =>
    replicas.reduce((sum, s) => sum + s[field] * s.requests, 0) / Math.max(1, requests)
  const mean = (field: 'reqPerSec' | 'p99Ms' | 'busy' | 'waited') =>
    replicas.reduce((sum, s) => sum + s[field], 0) / Math.max(1, replicas.length)
  return {
    reqPerSec: mean('reqPerSec'),
    p99Ms: mean('p99Ms'),
    cpuMicros: weighted('cpuMicros'),
    gcMicros: weighted('gcMicros'),
    busy: mean('busy'),
    waited: mean('waited'),
    requests,
    failures: replicas.reduce((sum, s) => sum + s.failures, 0),
  }
}

/**
 * How far apart the processes of one rung ran: per round, the highest CPU µs/request of its processes minus the
 * lowest, as a spread over the rounds. Two processes running the same code: the ladder's own noise floor, the
 * size a step must beat to be read as a cost.
 */
export function replicaSpread(rounds: readonly (readonly LadderSlice[])[]): Spread {
  return spreadOf(
    rounds
      .filter((replicas) => replicas.length > 1)
      .map((replicas) => {
        const cpu = replicas.map((s) => s.cpuMicros)
        return Math.max(...cpu) - Math.min(...cpu)
      }),
  )
}

/** A rung against the one below it, round by round. */
export interface Step {
  /** This rung's CPU µs/request minus the rung below's, in the same round. */
  readonly cpuMicros: Spread
  /** The same for GC µs/request. */
  readonly gcMicros: Spread
  readonly roundsKept: number
}

/**
 * Pairs each round's slice of a rung with the same round's slice of the rung below, keeping the rounds where
 * the rung below cost at most `calm` times its median (the bench's calm-round rule: a round where something
 * else took the core is dropped for both sides), and gives the spread of the differences.
 */
export function stepOf(slices: readonly LadderSlice[], below: readonly LadderSlice[], calm: number): Step {
  const baseline = median(below.map((s) => s.cpuMicros))
  const pairs = slices
    .map((slice, round) => [slice, below[round]] as const)
    .filter(
      (pair): pair is readonly [LadderSlice, LadderSlice] =>
        pair[1] !== undefined && pair[1].cpuMicros <= baseline * calm,
    )
  return {
    cpuMicros: spreadOf(pairs.map(([a, b]) => a.cpuMicros - b.cpuMicros)),
    gcMicros: spreadOf(pairs.map(([a, b]) => a.gcMicros - b.gcMicros)),
    roundsKept: pairs.length,
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
 * each profile's self time divided by the requests answered while it was taken.
 */
export function profileDiff(
  below: readonly FunctionTime[],
  belowRequests: number,
  above: readonly FunctionTime[],
  aboveRequests: number,
  n: number,
): FunctionGrowth[] {
  const perRequest = (rows: readonly FunctionTime[], requests: number) =>
    new Map(rows.map((row) => [row.fn, row.selfUs / Math.max(1, requests)]))
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
