/**
 * `pnpm bench:ladder`: the HTTP ladder of the request path. For node:http, Fastify, Koa and Express, rungs from the bare
 * route to our adapter with default options and an async listener, one change per rung (`ladder-rungs.ts`),
 * plus a control (the bottom rung again). A server's rungs are routes of ONE process (`ladder-server.ts`), run in
 * `--processes` such processes (2), each pinned to core 1 and warmed; then interleaved rounds in which every
 * route of every process gets one short slice of load, in an order shuffled per round and process; each step
 * paired with the rung below in the same round and process, pooled over the processes, the control's step printed
 * as the noise; then a CPU profile diff for each costly step. Prints Markdown and writes bench/results-ladder.json.
 * With `--calibrate`, climbs the calibration ladder instead (the bare route plus known work: what the
 * measurement adds to any extra CPU), without profiles, and writes bench/results-calibration.json. With
 * `--frame --calibrate`, the gauge (`gaugeOf`): the frame's rungs, the frame whole, the least receiver and 1, 2 and
 * 4 µs of known work, each of the last five paired with the bare route, without profiles; it prints what the frame
 * and the least receiver cost, also in µs of known work, and writes bench/results-gauge.json.
 *
 *   tsx src/ladder.ts [--rounds 20] [--slice 1000] [--servers node,fastify,koa,express] [--profile-seconds 3]
 *                     [--threshold 2] [--no-profile] [--processes 2] [--calibrate] [--frame] [--out results-x.json]
 *
 * Load comes from wrk when it is on PATH (slices of whole seconds; defaults 20 rounds of 1 s), autocannon
 * otherwise or with BENCH_LOADGEN=autocannon (defaults 30 rounds of 300 ms): `load-generator.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { latestProfile, summarize, type Window } from '../scripts/top-self-time.js'
import {
  canPin,
  load,
  measureSlice,
  type Running,
  type Spread,
  startServer,
  stopServer,
} from './http-bench.js'
import {
  costlySteps,
  type FunctionGrowth,
  type LadderSlice,
  processSpread,
  profileDiff,
  stepOf,
  summarizeRung,
  workEquivalent,
} from './ladder-math.js'
import {
  type LadderMode,
  type LadderServer,
  ladderOf,
  ladderServers,
  ladderTitles,
  type Rung,
} from './ladder-rungs.js'
import { calibrationTable, growthTable, ladderTable, type MeasuredRung, sign } from './ladder-table.js'
import {
  describeLoadGenerator,
  loadDefaults,
  loadGenerator,
  loadGeneratorAdvice,
  sliceMsFor,
} from './load-generator.js'
import { type LoadRequest, loadRequestFor } from './load-request.js'
import { describeMachine } from './machine.js'
import { median, orderOf } from './measure.js'
import { combineProcesses, shuffledOf } from './pairing.js'
import { smallTemplate, token } from './payloads.js'
import { routedPath } from './route-server.js'

const generator = loadGenerator()
const defaults = loadDefaults[generator.name]
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: String(defaults.rounds) },
    slice: { type: 'string', default: String(defaults.sliceMs) },
    servers: { type: 'string', default: ladderServers.join(',') },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    calm: { type: 'string', default: '1.15' },
    'profile-seconds': { type: 'string', default: '3' },
    threshold: { type: 'string', default: '2' },
    'no-profile': { type: 'boolean', default: false },
    processes: { type: 'string', default: '2' },
    calibrate: { type: 'boolean', default: false },
    // Only the rungs below the features and the control: more rounds of the frame in the same time. With
    // --calibrate: the gauge, the frame beside the least receiver and known work.
    frame: { type: 'boolean', default: false },
    // Another file than the committed one, for a ladder of some servers that should not replace it.
    out: { type: 'string' },
  },
})
const servers = (flags.servers ?? '').split(',') as LadderServer[]
for (const server of servers)
  if (!ladderServers.includes(server)) throw new Error(`--servers takes ${ladderServers.join(',')}`)
const settings = {
  rounds: Number(flags.rounds),
  sliceMs: sliceMsFor(generator.name, Number(flags.slice)),
  connections: Number(flags.connections),
  warmupSeconds: Number(flags.warmup),
  calm: Number(flags.calm),
  profileSeconds: flags['no-profile'] || flags.calibrate ? 0 : Number(flags['profile-seconds']),
  threshold: Number(flags.threshold),
  processes: Math.max(1, Number(flags.processes)),
  servers,
  calibrate: flags.calibrate ?? false,
  frame: flags.frame ?? false,
}
const mode: LadderMode = settings.calibrate ? (settings.frame ? 'gauge' : 'calibrate') : 'ladder'
const loadedBy = describeLoadGenerator(generator)
const root = fileURLToPath(new URL('..', import.meta.url))
const entry = fileURLToPath(new URL('./ladder-server.ts', import.meta.url))
const fromSource = process.execArgv.some((arg) => arg.includes('@blinger-webhooks/source'))
const machine = describeMachine()
const loadBefore = loadavg()
const started = new Date()
const say = (text = '') => console.log(text)
// The frame's rungs and the control are those no option removes (`ladder-rungs.test.ts` holds that).
const rungs = ladderOf(servers, token, mode).filter(
  (rung) => mode !== 'ladder' || !settings.frame || rung.removedBy === undefined,
)
// Distinct bodies, as `pnpm bench` sends its `-ours` cases: a counter rewritten per request; each rung's path
// behind its route's prefix. Made once per rung: the load generator writes one script per request object.
const sent = loadRequestFor('node-ours')
const requests = new Map<string, LoadRequest>(
  rungs.map((r) => [r.id, { ...sent, path: routedPath(r.id, sent.path) }]),
)
const requestTo = (rung: Rung) => requests.get(rung.id) as LoadRequest
const pinned = canPin()

const titles: Record<LadderMode, string> = {
  ladder: 'HTTP ladder',
  calibrate: 'HTTP ladder calibration',
  gauge: 'HTTP ladder: the frame against known work',
}
say(`# ${titles[mode]}, ${started.toISOString()}\n`)
say(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
)
say(
  `Measuring ${fromSource ? 'the TypeScript source through tsx (not for figures)' : 'the built dist of each package'}.`,
)
say(
  `${rungs.length} rungs (a control per server among them) as routes of one process per server, in ${settings.processes} processes each, ${settings.rounds} rounds of ${settings.sliceMs} ms per route and process, ${settings.connections} connections, load from ${loadedBy}.`,
)
const advice = loadGeneratorAdvice(generator)
if (advice !== undefined) say(advice)
if (settings.sliceMs !== Number(flags.slice))
  say(`wrk runs whole seconds: slices of ${settings.sliceMs} ms, not ${flags.slice}.`)

// Per rung, per round: its slice in each process (`[round][process]`).
const rounds = new Map<string, LadderSlice[][]>(rungs.map((r) => [r.id, []]))
const roundsOf = (id: string) => rounds.get(id) ?? []
const processes = new Map<LadderServer, Running[]>()
const loadAverages: number[] = []
const serverArgs = (server: LadderServer) => (mode === 'ladder' ? server : `${server}:${mode}`)
// Each server's routes, in the order its processes serve them (`routesOf` in `ladder-rungs.ts`).
const serverRoutes = new Map(servers.map((server) => [server, rungs.filter((r) => r.server === server)]))
const routesServedBy = (server: LadderServer) => serverRoutes.get(server) ?? []

try {
  for (const server of servers) {
    const own: Running[] = []
    processes.set(server, own)
    for (let k = 0; k < settings.processes; k++) {
      const running = await startServer(serverArgs(server), pinned, entry)
      own.push(running)
      for (const rung of routesServedBy(server))
        await load(running.port, requestTo(rung), settings.connections, settings.warmupSeconds)
    }
  }
  for (let round = 0; round < settings.rounds; round++) {
    const perProcess = new Map<string, LadderSlice[]>(rungs.map((r) => [r.id, []]))
    for (const server of orderOf(servers, round))
      for (const [k, running] of (processes.get(server) ?? []).entries())
        for (const rung of shuffledOf(routesServedBy(server), round, k))
          perProcess
            .get(rung.id)
            ?.push(
              await measureSlice(running, requestTo(rung), settings.connections, settings.sliceMs / 1000),
            )
    for (const [id, own] of perProcess) rounds.get(id)?.push(own)
    loadAverages.push(loadavg()[0] ?? 0)
    if ((round + 1) % 5 === 0 || round + 1 === settings.rounds)
      say(`  round ${round + 1}/${settings.rounds}, load average ${loadAverages.at(-1)?.toFixed(2)}`)
  }
} finally {
  for (const own of processes.values()) for (const { child } of own) await stopServer(child)
}

const measured: MeasuredRung[] = rungs.map((rung) => {
  const own = roundsOf(rung.id)
  return {
    rung,
    summary: summarizeRung(own.map(combineProcesses)),
    step: rung.below === undefined ? undefined : stepOf(own, roundsOf(rung.below), settings.calm),
  }
})

/** Each calibration rung of one server against its bare route (the bottom rung), paired round by round. */
function overBare(own: readonly MeasuredRung[]) {
  const [bare, ...above] = own
  if (bare === undefined) return []
  return above
    .filter(({ rung }) => rung.kind === 'spin')
    .map(({ rung, summary }) => ({
      rung,
      overBare: stepOf(roundsOf(rung.id), roundsOf(bare.rung.id), settings.calm).cpuMicros,
      capacity: summary.reqPerSec / bare.summary.reqPerSec,
    }))
}

/** A rung over the bare route, paired, with its req/s ÷ bare and how many µs of known work cost as much. */
interface GaugedRung {
  readonly overBare: Spread
  readonly capacity: number
  /** null, not undefined, so the results file keeps the key: more than the most known work the gauge ran. */
  readonly workEquivalent: number | null
}

/**
 * The gauge's reading for one server: the frame whole and the least receiver over bare, each also in µs of known
 * work that cost as much in the same run.
 */
function gaugeReading(own: readonly MeasuredRung[], work: ReturnType<typeof overBare>) {
  const bare = own[0]
  if (bare === undefined) return undefined
  const known = work.map(({ rung, overBare }) => ({
    work: rung.spinMicros,
    measured: overBare.median,
  }))
  const gauged = (id: string): GaugedRung | undefined => {
    const rung = own.find((m) => m.rung.id === `${bare.rung.server}-${id}`)
    if (rung?.step === undefined) return undefined
    return {
      overBare: rung.step.cpuMicros,
      capacity: rung.summary.reqPerSec / bare.summary.reqPerSec,
      workEquivalent: workEquivalent(rung.step.cpuMicros.median, known) ?? null,
    }
  }
  const frame = gauged('frame')
  const least = gauged('least')
  if (frame === undefined || least === undefined) return undefined
  return { server: bare.rung.server, known, frame, least }
}

function gaugeLine(
  what: string,
  { overBare: over, capacity, workEquivalent: work }: GaugedRung,
  most: number,
) {
  const worth =
    work === null
      ? `more than ${most} µs of known work costs here`
      : `what ${work.toFixed(1)} µs of known work costs here`
  return `${what}: ${sign(over.median)} µs/request over bare (quartiles ${over.low.toFixed(1)}…${over.high.toFixed(1)}), req/s ÷ bare ${capacity.toFixed(2)}: ${worth}.`
}

/** A profile's window over one route's load, with the requests answered in it. */
type Measured = Window & { readonly requests: number }

/**
 * Profiles the costly steps of one server in one fresh process of its routes under `--cpu-prof`: for each step,
 * the rung below, the rung itself and the rung below again, each under the same load over its own measured
 * window, so each profile is read over the samples of one route only.
 */
async function profileSteps(server: LadderServer, steps: readonly Rung[]) {
  const dir = join(root, 'profiles', 'ladder', server)
  mkdirSync(dir, { recursive: true })
  const since = Date.now()
  const execArgv = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']
  const { child, port } = await startServer(serverArgs(server), pinned, entry, execArgv)
  const now = () => Number(process.hrtime.bigint() / 1000n)
  const windowOf = async (rung: Rung): Promise<Measured> => {
    await load(port, requestTo(rung), settings.connections, 1)
    const from = now()
    const { result } = await load(port, requestTo(rung), settings.connections, settings.profileSeconds)
    return { from, to: now(), requests: result.requests }
  }
  // The rung below before and after the rung: windows of one route differ by several µs per request in `writev`
  // alone (the control's diff, the same code twice, read +4 to +7 on 2026-12-07), so the rung is compared with
  // both, which halves one window's luck and cancels a drift over the profile.
  const windows: { rung: Rung; under: Measured; over: Measured; after: Measured }[] = []
  for (const rung of steps) {
    const below = rungs.find((r) => r.id === rung.below) as Rung
    windows.push({
      rung,
      under: await windowOf(below),
      over: await windowOf(rung),
      after: await windowOf(below),
    })
  }
  // Disconnected, a server exits by itself, and `--cpu-prof` writes its profile on exit.
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.disconnect()
  await exited
  const profile = JSON.parse(readFileSync(latestProfile(dir, since), 'utf8'))
  return windows.map(({ rung, under, over, after }) => ({
    rung: rung.id,
    below: rung.below as string,
    growth: profileDiff(
      [...summarize(profile, under), ...summarize(profile, after)],
      under.requests + after.requests,
      summarize(profile, over),
      over.requests,
      12,
    ),
  }))
}

const costly = costlySteps(measured, settings.threshold)
const diffs: { rung: string; below: string; growth: FunctionGrowth[] }[] = []
if (settings.profileSeconds > 0 && costly.length > 0) {
  say(`\nProfiling ${costly.map((m) => m.rung.id).join(', ')} against the rungs below them…`)
  for (const server of servers) {
    const steps = costly.map((m) => m.rung).filter((rung) => rung.server === server)
    if (steps.length > 0) diffs.push(...(await profileSteps(server, steps)))
  }
}
const loadAfter = loadavg()

say(
  `\nServer CPU µs per request: median over ${settings.rounds} rounds (quartiles). Each step is paired with the rung below in the same round and process (median, quartiles), over the pairs whose rung below cost at most ${settings.calm}× its median in that process. "busy" is the server's CPU time ÷ the slice's wall time: under 0.9, the load generator, not the server, set the pace.`,
)
say(
  `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${machine.node}, load average ${loadBefore[0]?.toFixed(2)} → ${loadAfter[0]?.toFixed(2)}, ${pinned ? `server on core 1, ${generator.name} on core 0` : `${generator.name}, not pinned (no taskset)`}, ${smallTemplate().body.length}-byte distinct bodies.`,
)
// Processes of one rung run the same code: how far apart they land is the offset that pairing routes of one
// process removes; the control's step is the noise that stays.
const spreads = new Map(rungs.map((r) => [r.id, processSpread(roundsOf(r.id))]))
const gauge: NonNullable<ReturnType<typeof gaugeReading>>[] = []
for (const server of servers) {
  say(`\n### ${ladderTitles[server]}\n`)
  const own = measured.filter((m) => m.rung.server === server)
  say(ladderTable(own))
  const work = settings.calibrate ? overBare(own) : []
  if (settings.calibrate) say(`\n${calibrationTable(work)}`)
  const reading = mode === 'gauge' ? gaugeReading(own, work) : undefined
  if (reading !== undefined) {
    gauge.push(reading)
    const most = reading.known.at(-1)?.work ?? 0
    say(`\n${gaugeLine('The frame whole', reading.frame, most)}`)
    say(gaugeLine('The least receiver that keeps what the frame keeps', reading.least, most))
  }
  const control = own.at(-1)?.step?.cpuMicros
  if (control !== undefined)
    say(
      `\nThe control, the bottom rung against itself: ${control.median.toFixed(1)} µs/request (quartiles ${control.low.toFixed(1)}…${control.high.toFixed(1)}). A step within that is noise.`,
    )
  if (settings.processes < 2) continue
  const gaps = own.map(({ rung }) => spreads.get(rung.id)?.median ?? 0)
  say(
    `Processes of one route, same round: ${median(gaps).toFixed(1)} µs/request apart (median over the routes), an offset each step's pairing within a process leaves out.`,
  )
}
const idle = measured.filter((m) => m.summary.busy < 0.9)
if (idle.length > 0)
  say(
    `\nWarning: the server was busy under 0.9 of the time on ${idle.map((m) => `${m.rung.id} (${m.summary.busy.toFixed(2)}, waited for its core ${m.summary.waited.toFixed(2)})`).join(', ')}. Where busy plus "waited" (its main thread ready to run while another process held its core, from /proc/<pid>/schedstat) comes near 1, other processes on the server's core set the pace; otherwise the load generator did. Read those rungs' req/s with care; their CPU µs/request stays a per-request figure, but a server that waits also pays more per request (fewer requests per wake-up, colder caches).`,
  )
const failures = measured.filter((m) => m.summary.failures > 0)
if (failures.length > 0)
  say(
    `\nWarning: failed requests on ${failures.map((m) => `${m.rung.id} (${m.summary.failures})`).join(', ')}.`,
  )
for (const diff of diffs) {
  say(
    `\n### Profile diff: ${diff.rung} over ${diff.below} (self time per request, ${settings.profileSeconds} s each)\n`,
  )
  say(growthTable(diff.growth))
}
if (settings.profileSeconds > 0 && costly.length === 0)
  say(`\nNo step cost ${settings.threshold} µs or more: no profile taken.`)

const resultsFiles: Record<LadderMode, string> = {
  ladder: 'results-ladder.json',
  calibrate: 'results-calibration.json',
  gauge: 'results-gauge.json',
}
const resultsFile = resolve(root, flags.out ?? resultsFiles[mode])
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      date: started.toISOString(),
      machine,
      loadBefore,
      loadAfter,
      loadAverages,
      measured: fromSource ? 'source' : 'dist',
      pinned,
      layout: 'the rungs of a server as routes of one process',
      loadGenerator: loadedBy,
      payloadBytes: smallTemplate().body.length,
      settings,
      rungs: measured.map((m) => ({
        ...m,
        processSpread: spreads.get(m.rung.id),
        rounds: roundsOf(m.rung.id),
      })),
      profileDiffs: diffs,
      ...(mode === 'gauge' ? { gauge } : {}),
    },
    null,
    2,
  )}\n`,
)
say(`\nWrote ${relative(process.cwd(), resultsFile)}.`)
