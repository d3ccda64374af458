import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { autocannonLoad } from './autocannon-load.js'
import { describeLoadGenerator, loadGenerator } from './load-generator.js'
import { type LoadRequest, loadRequestFor } from './load-request.js'
import type { LoadResult } from './load-result.js'
import { busyShare, median, orderOf, quantile } from './measure.js'
import { smallTemplate } from './payloads.js'
import { schedTimesOf, waitedShare } from './schedstat.js'
import { bareOf, type ServerCase } from './server-cases.js'
import { wrkLoad } from './wrk-load.js'

/** Settings of one HTTP run; the same for every case. */
export interface HttpSettings {
  /** Rounds; in each, every case gets one slice of load, in alternating order. */
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
  readonly slices: readonly Slice[]
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

/** Pairs `name` with `against` round by round, keeping the rounds where the baseline ran calm. */
export function compare(
  rows: ReadonlyMap<ServerCase, HttpRow>,
  name: ServerCase,
  against: ServerCase,
  calm: number,
): Comparison | undefined {
  const row = rows.get(name)
  const base = rows.get(against)
  if (row === undefined || base === undefined) return undefined
  const baseline = median(base.slices.map((s) => s.cpuMicros))
  const pairs = row.slices
    .map((slice, round) => [slice, base.slices[round]] as const)
    .filter(
      (pair): pair is readonly [Slice, Slice] =>
        pair[1] !== undefined && pair[1].cpuMicros <= baseline * calm,
    )
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
 * Starts every case's server once and keeps them all warm, then runs `rounds` rounds in which every case gets
 * one short slice of load, in alternating order, with each bare route next to its adapters. Cases compared
 * with each other are measured seconds apart on the same machine state, so their ratio holds even when the
 * machine's speed drifts from round to round.
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
}> {
  const pinned = canPin()
  const servers = new Map<ServerCase, Running>()
  const requests = new Map(settings.cases.map((name) => [name, loadRequestFor(name)]))
  const requestOf = (name: ServerCase) => requests.get(name) ?? loadRequestFor(name)
  const slices = new Map<ServerCase, Slice[]>(settings.cases.map((name) => [name, []]))
  const loadAverages: number[] = []
  try {
    for (const name of settings.cases) {
      const running = await startServer(name, pinned)
      servers.set(name, running)
      await load(running.port, requestOf(name), settings.connections, settings.warmupSeconds)
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const name of orderOf(settings.cases, round)) {
        const running = servers.get(name) as Running
        slices
          .get(name)
          ?.push(await measureSlice(running, requestOf(name), settings.connections, settings.sliceMs / 1000))
      }
      loadAverages.push(loadavg()[0] ?? 0)
      if ((round + 1) % 10 === 0 || round + 1 === settings.rounds)
        log(`  round ${round + 1}/${settings.rounds}, load average ${loadAverages.at(-1)?.toFixed(2)}`)
    }
  } finally {
    for (const { child } of servers.values()) await stopServer(child)
  }
  const rows = settings.cases.map((name): HttpRow => {
    const list = slices.get(name) ?? []
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
    }
  })
  const byCase = new Map(rows.map((row) => [row.case, row]))
  const comparisons: Comparison[] = []
  for (const name of settings.cases) {
    const bare = bareOf(name)
    if (bare !== undefined && bare !== name) {
      const vsBare = compare(byCase, name, bare, settings.calm)
      if (vsBare !== undefined) comparisons.push(vsBare)
    }
    if (name.endsWith('-ours')) {
      const vsOctokit = compare(byCase, name, 'octokit', settings.calm)
      if (vsOctokit !== undefined) comparisons.push(vsOctokit)
    }
  }
  return {
    rows,
    comparisons,
    pinned,
    loadGenerator: describeLoadGenerator(loadGenerator()),
    payloadBytes: smallTemplate().body.length,
    loadAverages,
  }
}
