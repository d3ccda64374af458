/**
 * `pnpm bench:ladder`: the HTTP ladder of the request path. For node:http, Fastify, Koa and Express, rungs from the bare
 * route to our adapter with default options and an async listener, one change per rung (`ladder-rungs.ts`),
 * each in `--replicas` server processes (2) pinned to core 1 and kept warm; then interleaved rounds in which every
 * process gets one short slice of load, in alternating order, a rung's processes combined per round; each step
 * paired with the rung below in the same round, and the gap between a rung's own processes printed as the noise;
 * then a CPU profile diff for each costly step. Prints Markdown and writes bench/results-ladder.json.
 * With `--calibrate`, climbs the calibration ladder instead (the bare route plus known work: what the
 * measurement adds to any extra CPU), without profiles, and writes bench/results-calibration.json.
 *
 *   tsx src/ladder.ts [--rounds 20] [--slice 1000] [--servers node,fastify,koa,express] [--profile-seconds 3]
 *                     [--threshold 2] [--no-profile] [--replicas 2] [--calibrate]
 *
 * Load comes from wrk when it is on PATH (slices of whole seconds; defaults 20 rounds of 1 s), autocannon
 * otherwise or with BENCH_LOADGEN=autocannon (defaults 30 rounds of 300 ms): `load-generator.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { latestProfile, summarize } from '../scripts/top-self-time.js'
import { canPin, load, measureSlice, type Running, startServer, stopServer } from './http-bench.js'
import {
  combineReplicas,
  costlySteps,
  type FunctionGrowth,
  type LadderSlice,
  profileDiff,
  replicaSpread,
  stepOf,
  summarizeRung,
} from './ladder-math.js'
import { calibrationOf, type LadderServer, ladderOf, ladderServers, ladderTitles } from './ladder-rungs.js'
import { calibrationTable, growthTable, ladderTable, type MeasuredRung } from './ladder-table.js'
import {
  describeLoadGenerator,
  loadDefaults,
  loadGenerator,
  loadGeneratorAdvice,
  sliceMsFor,
} from './load-generator.js'
import { loadRequestFor } from './load-request.js'
import { describeMachine } from './machine.js'
import { median, orderOf } from './measure.js'
import { smallTemplate, token } from './payloads.js'

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
    replicas: { type: 'string', default: '2' },
    calibrate: { type: 'boolean', default: false },
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
  replicas: Math.max(1, Number(flags.replicas)),
  servers,
  calibrate: flags.calibrate ?? false,
}
const loadedBy = describeLoadGenerator(generator)
const root = fileURLToPath(new URL('..', import.meta.url))
const entry = fileURLToPath(new URL('./ladder-server.ts', import.meta.url))
const fromSource = process.execArgv.some((arg) => arg.includes('@blinger-webhooks/source'))
const machine = describeMachine()
const loadBefore = loadavg()
const started = new Date()
const say = (text = '') => console.log(text)
const rungs = settings.calibrate ? servers.flatMap(calibrationOf) : ladderOf(servers, token)
// Distinct bodies, as `pnpm bench` sends its `-ours` cases: a counter rewritten per request.
const requests = loadRequestFor('node-ours')
const pinned = canPin()

say(`# HTTP ladder${settings.calibrate ? ' calibration' : ''}, ${started.toISOString()}\n`)
say(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
)
say(
  `Measuring ${fromSource ? 'the TypeScript source through tsx (not for figures)' : 'the built dist of each package'}.`,
)
say(
  `${rungs.length} rungs in ${settings.replicas} processes each, ${settings.rounds} rounds of ${settings.sliceMs} ms per process, ${settings.connections} connections, load from ${loadedBy}.`,
)
const advice = loadGeneratorAdvice(generator)
if (advice !== undefined) say(advice)
if (settings.sliceMs !== Number(flags.slice))
  say(`wrk runs whole seconds: slices of ${settings.sliceMs} ms, not ${flags.slice}.`)

const slices = new Map<string, LadderSlice[]>(rungs.map((r) => [r.id, []]))
// Each round's slices of a rung, one per process, before they are combined into the rung's slice.
const replicaRounds = new Map<string, LadderSlice[][]>(rungs.map((r) => [r.id, []]))
const running = new Map<string, Running>()
const loadAverages: number[] = []
const processesOf = (id: string) => Array.from({ length: settings.replicas }, (_, k) => `${id}#${k}`)

try {
  for (const rung of rungs)
    for (const key of processesOf(rung.id)) {
      const server = await startServer(rung.id, pinned, entry)
      running.set(key, server)
      await load(server.port, requests, settings.connections, settings.warmupSeconds)
    }
  for (let round = 0; round < settings.rounds; round++) {
    for (const rung of orderOf(rungs, round)) {
      const replicas: LadderSlice[] = []
      for (const key of orderOf(processesOf(rung.id), round))
        replicas.push(
          await measureSlice(
            running.get(key) as Running,
            requests,
            settings.connections,
            settings.sliceMs / 1000,
          ),
        )
      replicaRounds.get(rung.id)?.push(replicas)
      slices.get(rung.id)?.push(combineReplicas(replicas))
    }
    loadAverages.push(loadavg()[0] ?? 0)
    if ((round + 1) % 5 === 0 || round + 1 === settings.rounds)
      say(`  round ${round + 1}/${settings.rounds}, load average ${loadAverages.at(-1)?.toFixed(2)}`)
  }
} finally {
  for (const { child } of running.values()) await stopServer(child)
}

const measured: MeasuredRung[] = rungs.map((rung) => {
  const own = slices.get(rung.id) ?? []
  const below = rung.below === undefined ? undefined : slices.get(rung.below)
  return {
    rung,
    summary: summarizeRung(own),
    step: below === undefined ? undefined : stepOf(own, below, settings.calm),
  }
})

/** Each calibration rung of one server against its bare route (the bottom rung), paired round by round. */
function overBare(own: readonly MeasuredRung[]) {
  const [bare, ...looped] = own
  if (bare === undefined) return []
  const bareSlices = slices.get(bare.rung.id) ?? []
  return looped.map(({ rung, summary }) => ({
    rung,
    overBare: stepOf(slices.get(rung.id) ?? [], bareSlices, settings.calm).cpuMicros,
    capacity: summary.reqPerSec / bare.summary.reqPerSec,
  }))
}

/**
 * Profiles two rungs under the same load, one after the other, each over its own measured window. Only the
 * two run at a time: an idle profiled server still samples, and would take CPU from the one being measured.
 */
async function profilePair(ids: readonly [string, string]) {
  const dir = join(root, 'profiles', 'ladder')
  const since = Date.now()
  const servers = new Map<string, Running>()
  for (const id of ids) {
    mkdirSync(join(dir, id), { recursive: true })
    const execArgv = ['--cpu-prof', `--cpu-prof-dir=${join(dir, id)}`, '--cpu-prof-interval=100']
    servers.set(id, await startServer(id, pinned, entry, execArgv))
  }
  const now = () => Number(process.hrtime.bigint() / 1000n)
  const windows = new Map<string, { from: number; to: number; requests: number }>()
  for (const [id, { port }] of servers) {
    await load(port, requests, settings.connections, 1)
    const from = now()
    const { result } = await load(port, requests, settings.connections, settings.profileSeconds)
    windows.set(id, { from, to: now(), requests: result.requests })
  }
  // Disconnected, a server exits by itself, and `--cpu-prof` writes its profile on exit.
  for (const { child } of servers.values()) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.disconnect()
    await exited
  }
  return ids.map((id) => {
    const window = windows.get(id) as { from: number; to: number; requests: number }
    const file = latestProfile(join(dir, id), since)
    return { requests: window.requests, top: summarize(JSON.parse(readFileSync(file, 'utf8')), window) }
  })
}

const costly = costlySteps(measured, settings.threshold)
const diffs: { rung: string; below: string; growth: FunctionGrowth[] }[] = []
if (settings.profileSeconds > 0 && costly.length > 0) {
  say(`\nProfiling ${costly.map((m) => m.rung.id).join(', ')} against the rungs below them…`)
  for (const { rung } of costly) {
    const belowId = rung.below as string
    const [below, above] = await profilePair([belowId, rung.id])
    if (below === undefined || above === undefined) continue
    diffs.push({
      rung: rung.id,
      below: belowId,
      growth: profileDiff(below.top, below.requests, above.top, above.requests, 12),
    })
  }
}
const loadAfter = loadavg()

say(
  `\nServer CPU µs per request: median over ${settings.rounds} rounds (quartiles). Each step is paired with the rung below in the same round (median, quartiles), over the rounds whose rung below cost at most ${settings.calm}× its median. "busy" is the server's CPU time ÷ the slice's wall time: under 0.9, the load generator, not the server, set the pace.`,
)
say(
  `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${machine.node}, load average ${loadBefore[0]?.toFixed(2)} → ${loadAfter[0]?.toFixed(2)}, ${pinned ? `server on core 1, ${generator.name} on core 0` : `${generator.name}, not pinned (no taskset)`}, ${smallTemplate().body.length}-byte distinct bodies.`,
)
// Processes of one rung run the same code: how far apart they land is the noise a step must beat.
const spreads = new Map(rungs.map((r) => [r.id, replicaSpread(replicaRounds.get(r.id) ?? [])]))
for (const server of servers) {
  say(`\n### ${ladderTitles[server]}\n`)
  const own = measured.filter((m) => m.rung.server === server)
  say(ladderTable(own))
  if (settings.calibrate) say(`\n${calibrationTable(overBare(own))}`)
  if (settings.replicas < 2) continue
  const gaps = rungs.filter((r) => r.server === server).map((r) => ({ id: r.id, gap: spreads.get(r.id) }))
  const worst = gaps.reduce((a, b) => ((b.gap?.median ?? 0) > (a.gap?.median ?? 0) ? b : a))
  say(
    `\nTwo processes of the same rung, same round: ${median(gaps.map((r) => r.gap?.median ?? 0)).toFixed(1)} µs/request apart (median over the rungs; the widest, ${worst.id}: ${worst.gap?.median.toFixed(1)} µs, quartiles ${worst.gap?.low.toFixed(1)}–${worst.gap?.high.toFixed(1)}). A step smaller than that is noise.`,
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

const resultsFile = settings.calibrate ? 'results-calibration.json' : 'results-ladder.json'
writeFileSync(
  join(root, resultsFile),
  `${JSON.stringify(
    {
      date: started.toISOString(),
      machine,
      loadBefore,
      loadAfter,
      loadAverages,
      measured: fromSource ? 'source' : 'dist',
      pinned,
      loadGenerator: loadedBy,
      payloadBytes: smallTemplate().body.length,
      settings,
      rungs: measured.map((m) => ({
        ...m,
        processSpread: spreads.get(m.rung.id),
        slices: slices.get(m.rung.id),
        processSlices: replicaRounds.get(m.rung.id),
      })),
      profileDiffs: diffs,
    },
    null,
    2,
  )}\n`,
)
say(`\nWrote bench/${resultsFile}.`)
