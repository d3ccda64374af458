import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { autocannonLoad } from './autocannon-load.js'
import { describeLoadGenerator, loadGenerator } from './load-generator.js'
import { type LoadRequest, routedRequestFor } from './load-request.js'
import type { LoadResult } from './load-result.js'
import { busyShare, median, quantile } from './measure.js'
import { combineProcesses, pairedSlices, type SlicesByRound, shuffledOf } from './pairing.js'
import { smallTemplate } from './payloads.js'
import { schedTimesOf, waitedShare } from './schedstat.js'
import { bareOf, processGroupsOf, type ServerCase } from './server-cases.js'
import { wrkLoad } from './wrk-load.js'

/** Settings of one HTTP run; the same for every case. */
export interface HttpSettings {
  /** Rounds; in each, every case of every process gets one slice of load, in a shuffled order. */
  readonly rounds: number
  readonly connections: number
  /**
   * Milliseconds of load per case and round: short, so cases compared in a round see the same machine (wrk
   * runs whole seconds: `sliceMsFor`).
   */
  readonly sliceMs: number
  /** Seconds of unmeasured load per case before the first round, so every server is warm (JIT, pools). */
  readonly warmupSeconds: number
  /** A round counts in a ratio only if its baseline cost at most this times the baseline's median. */
  readonly calm: number
  /** Processes per framework, each serving every case of that framework and octokit as routes. */
  readonly processes: number
  readonly cases: readonly ServerCase[]
}

/** One case in one round. */
export interface Slice {
  readonly reqPerSec: number
  readonly p99Ms: number
  /** The server process's CPU time (user + system, all threads) per answered request. */
  readonly cpuMicros: number
  /** The server's GC pause time per answered request. */
  readonly gcMicros: number
  /** The server's CPU time ÷ the slice's wall time: under 0.9, the load generator set the pace. */
  readonly busy: number
  /** The share of the slice the server's main thread waited for its core, held by another process. */
  readonly waited: number
  readonly requests: number
  readonly failures: number
}

/** One case: medians over its rounds, and every round. */
export interface HttpRow {
  readonly case: ServerCase
  readonly reqPerSec: number
  readonly p99Ms: number
  readonly serverCpuMicrosPerRequest: number
  readonly gcMicrosPerRequest: number
  /** The median busy share over the rounds (see `Slice.busy`). */
  readonly busy: number
  /** The median share of a slice the server waited for its core (see `Slice.waited`). */
  readonly waited: number
  /** Answers other than 2xx, socket errors and timeouts over every round: all should be 0. */
  readonly failures: number
  /** Per round, the mean over the processes (`combineProcesses`): what the medians above are taken over. */
  readonly slices: readonly Slice[]
  /** Every slice, `rounds[round][process]`: what the comparisons pair. */
  readonly rounds: SlicesByRound
}

/** A ratio over paired rounds: its median and the quartiles of the rounds kept. */
export interface Spread {
  readonly median: number
  readonly low: number
  readonly high: number
}

/** A case against its baseline (its bare framework, or octokit), paired round by round. */
export interface Comparison {
  readonly case: ServerCase
  readonly against: ServerCase
  /** req/s ÷ the baseline's req/s. */
  readonly reqPerSec: Spread
  /** The baseline's CPU µs/request ÷ this case's: the req/s ratio a saturated server core would give. */
  readonly capacity: Spread
  readonly p99: Spread
  /** This case's median GC µs/request ÷ the baseline's, with the quartiles of each side's rounds. */
  readonly gc: Spread
  /** This case's CPU µs/request minus the baseline's. */
  readonly extraCpuMicros: Spread
  /** The pairs (a round of one process: the name is from when a round had one) kept by the calm rule. */
  readonly roundsKept: number
}

let pinnable: boolean | undefined

/**
 * Whether `taskset` can pin processes here (servers on core 1, the load generator on core 0); asking pins this
 * process, autocannon's, to core 0. Asked once.
 */
export function canPin(): boolean {
  if (pinnable === undefined) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' })
      pinnable = true
    } catch {
      pinnable = false
    }
  }
  return pinnable
}

/** A server child process and the port it listens on. */
export interface Running {
  readonly child: ChildProcess
  readonly port: number
}

/**
 * Forks one server process (`server.ts <name>` unless another entry is given), pins it to core 1 when it can,
 * and waits for its port. `execArgv` goes before the loader, e.g. `--cpu-prof`.
 */
export async function startServer(
  name: string,
  pinned: boolean,
  entry = fileURLToPath(new URL('./server.ts', import.meta.url)),
  execArgv: readonly string[] = [],
): Promise<Running> {
  const child = fork(entry, [name], {
    execArgv: [
      ...execArgv,
      ...process.execArgv.filter((a) => a.startsWith('--conditions')),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  // The main thread only: V8's GC helpers stay free to run beside it, as on a server with more than one core,
  // and \`process.cpuUsage\` bills their time to the server wherever they run. Pinning them too (\`taskset -a\`)
  // made every parallel scavenge take turns with the main thread on one core: bare node:http 40 → 42 µs per
  // request, our async rung 53 → 64, a cost of the bench, not of the code.
  if (pinned) execFileSync('taskset', ['-p', '-c', '1', String(child.pid)], { stdio: 'ignore' })
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error(`the ${name} server exited before listening`)
    }),
  ])) as [{ port: number }]
  return { child, port: message.port }
}

/** Ends a server process and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/** The server process's CPU and GC time so far, in µs, asked over IPC. */
export async function statsOf(child: ChildProcess): Promise<{ cpuMicros: number; gcMicros: number }> {
  const reply = once(child, 'message')
  child.send('stats')
  const [stats] = (await reply) as [{ cpuMicros: number; gcMicros: number }]
  return stats
}

/**
 * `seconds` of load on `port` from this run's load generator (`load-generator.ts`: wrk, whose slices are whole
 * seconds, or autocannon); its result and the wall time the run took, from start to exit, for the busy share.
 */
export async function load(
  port: number,
  request: LoadRequest,
  connections: number,
  seconds: number,
): Promise<{ result: LoadResult; seconds: number }> {
  const started = process.hrtime.bigint()
  const result =
    loadGenerator().name === 'wrk'
      ? await wrkLoad(port, request, connections, seconds, canPin())
      : await autocannonLoad(port, request, connections, seconds)
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

/** The median of `values` and their quartiles. */
export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), low: quantile(values, 0.25), high: quantile(values, 0.75) }
}

function ratioOfMedians(values: readonly number[], baseline: readonly number[]): Spread {
  const base = Math.max(median(baseline), 1e-6)
  return {
    median: median(values) / base,
    low: quantile(values, 0.25) / base,
    high: quantile(values, 0.75) / base,
  }
}

/**
 * A case against its baseline (`against`), both routes of the same processes: each slice paired with the
 * baseline's in the same round and process, over the pairs whose baseline ran calm (`pairedSlices`).
 */
export function compare(
  name: ServerCase,
  against: ServerCase,
  rounds: SlicesByRound,
  baseline: SlicesByRound,
  calm: number,
): Comparison {
  const pairs = pairedSlices(rounds, baseline, calm)
  return {
    case: name,
    against,
    reqPerSec: spreadOf(pairs.map(([a, b]) => a.reqPerSec / b.reqPerSec)),
    capacity: spreadOf(pairs.map(([a, b]) => b.cpuMicros / a.cpuMicros)),
    p99: spreadOf(pairs.map(([a, b]) => a.p99Ms / Math.max(b.p99Ms, 1))),
    // A slice can pass without a scavenge, so a per-round GC ratio can divide by ~0: the ratio of the medians.
    gc: ratioOfMedians(
      pairs.map(([a]) => a.gcMicros),
      pairs.map(([, b]) => b.gcMicros),
    ),
    extraCpuMicros: spreadOf(pairs.map(([a, b]) => a.cpuMicros - b.cpuMicros)),
    roundsKept: pairs.length,
  }
}

/**
 * One slice of load on one server process: its CPU and GC time per answered request, from the server's own
 * counters before and after, and the shares of the slice it was busy and waited for its core.
 */
export async function measureSlice(
  { child, port }: Running,
  request: LoadRequest,
  connections: number,
  seconds: number,
): Promise<Slice> {
  const before = await statsOf(child)
  const schedBefore = schedTimesOf(child.pid)
  const { result, seconds: wall } = await load(port, request, connections, seconds)
  const schedAfter = schedTimesOf(child.pid)
  const after = await statsOf(child)
  const answered = Math.max(1, result.requests)
  return {
    reqPerSec: result.reqPerSec,
    p99Ms: result.p99Ms,
    cpuMicros: (after.cpuMicros - before.cpuMicros) / answered,
    gcMicros: (after.gcMicros - before.gcMicros) / answered,
    busy: busyShare(after.cpuMicros - before.cpuMicros, wall),
    waited: waitedShare(schedBefore, schedAfter, wall),
    requests: result.requests,
    failures: result.failures,
  }
}

/**
 * Starts `processes` server processes per framework (`processGroupsOf`: its bare route, our adapter's cases and
 * octokit, as routes of one process), warms every route, then runs `rounds` rounds in which every route of every
 * process gets one short slice of load, in an order shuffled per round and process. Each case is compared with
 * its bare route and with octokit in the same round of the same process: the offset between two processes of
 * the same code (several µs, for life) drops out, and so does the machine's drift between rounds.
 */
export async function runHttpBench(
  settings: HttpSettings,
  log: (line: string) => void,
): Promise<{
  rows: HttpRow[]
  comparisons: Comparison[]
  pinned: boolean
  /** `wrk …` or `autocannon …`, with its version. */
  loadGenerator: string
  payloadBytes: number
  loadAverages: number[]
  /** The cases each server process served as routes. */
  processGroups: ServerCase[][]
}> {
  const pinned = canPin()
  const groups = processGroupsOf(settings.cases)
  const requests = new Map(settings.cases.map((name) => [name, routedRequestFor(name)]))
  const requestOf = (name: ServerCase) => requests.get(name) ?? routedRequestFor(name)
  // Per group and case (octokit is a route of several groups), `rounds[round][process]`.
  const slices = groups.map((group) => new Map(group.map((name) => [name, [] as Slice[][]])))
  const servers: Running[][] = groups.map(() => [])
  const loadAverages: number[] = []
  try {
    for (const [g, group] of groups.entries())
      for (let k = 0; k < settings.processes; k++) {
        const running = await startServer(group.join(','), pinned)
        servers[g]?.push(running)
        for (const name of group)
          await load(running.port, requestOf(name), settings.connections, settings.warmupSeconds)
      }
    for (let round = 0; round < settings.rounds; round++) {
      for (const [g, group] of groups.entries())
        for (const [k, running] of (servers[g] ?? []).entries())
          for (const name of shuffledOf(group, round, k)) {
            const rounds = slices[g]?.get(name) as Slice[][]
            rounds[round] ??= []
            ;(rounds[round] as Slice[])[k] = await measureSlice(
              running,
              requestOf(name),
              settings.connections,
              settings.sliceMs / 1000,
            )
          }
      loadAverages.push(loadavg()[0] ?? 0)
      if ((round + 1) % 10 === 0 || round + 1 === settings.rounds)
        log(`  round ${round + 1}/${settings.rounds}, load average ${loadAverages.at(-1)?.toFixed(2)}`)
    }
  } finally {
    for (const { child } of servers.flat()) await stopServer(child)
  }
  // A case's own row from the first process group that serves it.
  const roundsOf = (name: ServerCase, group = groups.findIndex((g) => g.includes(name))): SlicesByRound =>
    slices[group]?.get(name) ?? []
  const rows = settings.cases.map((name): HttpRow => {
    const rounds = roundsOf(name)
    const list = rounds.map(combineProcesses)
    return {
      case: name,
      reqPerSec: median(list.map((s) => s.reqPerSec)),
      p99Ms: median(list.map((s) => s.p99Ms)),
      serverCpuMicrosPerRequest: median(list.map((s) => s.cpuMicros)),
      gcMicrosPerRequest: median(list.map((s) => s.gcMicros)),
      busy: median(list.map((s) => s.busy)),
      waited: median(list.map((s) => s.waited)),
      failures: list.reduce((sum, s) => sum + s.failures, 0),
      slices: list,
      rounds,
    }
  })
  const comparisons: Comparison[] = []
  for (const [g, group] of groups.entries())
    for (const name of group) {
      const bare = bareOf(name)
      if (bare !== undefined && bare !== name && group.includes(bare))
        comparisons.push(compare(name, bare, roundsOf(name, g), roundsOf(bare, g), settings.calm))
      if (name.endsWith('-ours') && group.includes('octokit'))
        comparisons.push(compare(name, 'octokit', roundsOf(name, g), roundsOf('octokit', g), settings.calm))
    }
  return {
    rows,
    comparisons,
    pinned,
    loadGenerator: describeLoadGenerator(loadGenerator()),
    payloadBytes: smallTemplate().body.length,
    loadAverages,
    processGroups: groups,
  }
}
