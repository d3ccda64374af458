/**
 * How the HTTP benches compare routes of one process (`pnpm bench` and the ladder): a case or rung is a route of
 * each of several server processes, measured in a shuffled order per round, and compared with its baseline only
 * within the same round and the same process. Two processes running the same code sit several µs apart for life
 * (the ladder printed 3–9 µs on node:http), more than most steps it measures; within one process that offset
 * cancels. Pure, so it is tested.
 */
import type { Slice } from './http-bench.js'
import { median } from './measure.js'

/** A route's slices: `rounds[round][process]`. */
export type SlicesByRound = readonly (readonly Slice[])[]

/**
 * One round of a route: its slices in each process as one, each rate the mean over the processes (requests and
 * failures summed). What the tables' columns are the median of; a median over every process's slices
 * instead would land on one process or the other, as their offset (several µs, for life) splits them in two.
 */
export function combineProcesses(processes: readonly Slice[]): Slice {
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
 * Pairs each slice of a route with its baseline's slice in the same round and the same process, pooled over
 * every round of every process. Per process, it keeps the rounds where the baseline cost at most `calm` times its
 * median in that process (a round where something else took the core is dropped for both sides; per process,
 * because that offset would otherwise drop a whole process). Pooled rather than averaged per round, so that one
 * process's bad slice costs one pair, not the round.
 */
export function pairedSlices(
  rounds: SlicesByRound,
  baseline: SlicesByRound,
  calm: number,
): (readonly [Slice, Slice])[] {
  const pairs: (readonly [Slice, Slice])[] = []
  const processes = Math.max(0, ...rounds.map((slices) => slices.length))
  for (let k = 0; k < processes; k++) {
    const own = rounds.map((slices) => slices[k])
    const under = baseline.map((slices) => slices[k])
    const typical = median(under.flatMap((slice) => (slice === undefined ? [] : [slice.cpuMicros])))
    own.forEach((slice, round) => {
      const pair = under[round]
      if (slice !== undefined && pair !== undefined && pair.cpuMicros <= typical * calm)
        pairs.push([slice, pair])
    })
  }
  return pairs
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
