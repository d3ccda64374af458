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
 * One round of a rung: its slices in each process as one, each rate the mean over the processes (requests and
 * failures summed). What the tables' rung columns are the median of; a median over every process's slices
 * instead would land on one process or the other, as their offset (several µs, for life) splits them in two.
 */
export function combineProcesses(processes: readonly LadderSlice[]): LadderSlice {
  const mean = (field: 'reqPerSec' | 'p99Ms' | 'cpuMicros' | 'gcMicros' | 'busy' | 'waited') =>
    processes.reduce((sum, s) => sum + s[field], 0) / Math.max(1, processes.length)
  return {
    reqPerSec: mean('reqPerSec'),
    p99Ms: mean('p99Ms'),
    cpuMicros: mean('cpuMicros'),
    gcMicros: mean('gcMicros'),
    busy: mean('busy'),
    waited: mean('waited'),
    requests: processes.reduce((sum, s) => sum + s.requests, 0),
    failures: processes.reduce((sum, s) => sum + s.failures, 0),
  }
}

/**
 * How far apart the processes of one rung ran: per round, the highest CPU µs/request of its processes minus the
 * lowest, as a spread over the rounds: the offset between processes of the same code, which pairing routes of
 * one process leaves out of every step.
 */
export function processSpread(rounds: readonly (readonly LadderSlice[])[]): Spread {
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
 * Pairs each slice of a rung with the slice of the rung below in the same round and the same process
 * (`rounds[round][process]`: the rungs of a server are routes of each of its processes), and gives the spread of
 * the differences over every round of every process. Per process, it keeps the rounds where the rung below cost
 * at most `calm` times its median in that process (the bench's calm-round rule: a round where something else
 * took the core is dropped for both sides; per process, because processes of the same code sit apart for life,
 * and that offset would otherwise drop a whole process). Pooled rather than averaged per round, so that one
 * process's bad slice costs one pair, not the round.
 */
export function stepOf(
  rounds: readonly (readonly LadderSlice[])[],
  below: readonly (readonly LadderSlice[])[],
  calm: number,
): Step {
  const pairs: (readonly [LadderSlice, LadderSlice])[] = []
  const processes = Math.max(0, ...rounds.map((slices) => slices.length))
  for (let k = 0; k < processes; k++) {
    const own = rounds.map((slices) => slices[k])
    const under = below.map((slices) => slices[k])
    const baseline = median(under.flatMap((slice) => (slice === undefined ? [] : [slice.cpuMicros])))
    own.forEach((slice, round) => {
      const pair = under[round]
      if (slice !== undefined && pair !== undefined && pair.cpuMicros <= baseline * calm)
        pairs.push([slice, pair])
    })
  }
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

/**
 * The order a process's routes are measured in, in one round: a shuffle seeded by the round and the process, so
 * a run can be repeated. A fixed order (forward, then backward) gave each route the same neighbours every round,
 * and what a route leaves behind (its garbage, its JIT state) lands on the slice after it: the control, the bare
 * route a second time, read +5.8 µs over the bare route itself (node, 8 rounds), having always followed the
 * dearest route where the bare route followed the cheapest. Shuffled, that carry-over is noise on every route.
 */
export function shuffledOf<T>(items: readonly T[], round: number, process: number): T[] {
  // mulberry32: a small seeded generator, good enough to deal a handful of routes.
  let seed = (round * 7919 + process * 104_729 + 1) >>> 0
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const order = [...items]
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[order[i], order[j]] = [order[j] as T, order[i] as T]
  }
  return order
}
