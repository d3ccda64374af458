/**
 * `pnpm bench`: the in-process pipeline, memory under 1M deliveries, and each adapter over HTTP against its
 * bare framework and @octokit/webhooks. Prints Markdown tables and writes bench/results.json.
 *
 * BENCH_QUICK=1 runs one short round of everything (about a minute), for a smoke test; its figures are not
 * for publishing. BENCH_ONLY=pipeline,memory,http,queue,auth runs some parts only (queue needs `pnpm redis:start`).
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { runAuthBench } from './auth-bench.js'
import { runHttpBench } from './http-bench.js'
import { describeMachine } from './machine.js'
import { runMemoryBench } from './memory-bench.js'
import { runPipelineBench } from './pipeline-bench.js'
import { runQueueBench } from './queue-bench.js'
import { type ServerCase, serverCases } from './server-cases.js'
import { duration, int, markdownTable, pct, ratio } from './table.js'

const quick = process.env.BENCH_QUICK === '1'
const only = new Set((process.env.BENCH_ONLY ?? 'pipeline,memory,http,queue,auth').split(','))
const fromSource = process.execArgv.some((arg) => arg.includes('@blinger-webhooks/source'))
const settings = {
  pipeline: quick ? { rounds: 1, ms: 300, warmupMs: 100 } : { rounds: 3, ms: 1000, warmupMs: 300 },
  memory: quick ? { deliveries: 200_000, step: 100_000 } : { deliveries: 1_000_000, step: 100_000 },
  http: quick
    ? { rounds: 1, connections: 50, seconds: 1, warmupSeconds: 1 }
    : { rounds: 3, connections: 50, seconds: 3, warmupSeconds: 1 },
}

const machine = describeMachine()
const say = (text = '') => console.log(text)
say(`# blinger-webhooks bench${quick ? ' (BENCH_QUICK: smoke test, not for publishing)' : ''}`)
say()
say(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`)
say(`Measuring ${fromSource ? "core's TypeScript source through tsx" : 'the built dist of each package'}.`)
if (machine.loadAtStart > 0.7)
  say(
    `Warning: load average is ${machine.loadAtStart.toFixed(2)}: other processes compete, figures will be low.`,
  )

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine,
  measured: fromSource ? 'source' : 'dist',
  quick,
  settings,
}

const goals: { goal: string; met: boolean; detail: string }[] = []

if (only.has('pipeline')) {
  say('\n## In-process pipeline (one core, sequential awaits)\n')
  const pipeline = await runPipelineBench(settings.pipeline, fromSource)
  results.pipeline = pipeline
  const main = pipeline.rows.filter((r) => !r.case.startsWith('step: '))
  say(
    markdownTable(
      ['case', 'payload', 'bytes', 'deliveries/s', 'per delivery', 'CPU per delivery'],
      main.map((r) => [
        r.case,
        r.payload,
        int(r.bytes),
        int(r.opsPerSec),
        duration(r.nsPerOp),
        duration(r.cpuNsPerOp),
      ]),
    ),
  )
  for (const [size, steps] of Object.entries(pipeline.steps)) {
    const payload = size === 'small' ? 'message.incoming' : 'conversation.closed (400 messages)'
    say(`\nWhere a strict handle() of ${payload} spends its time (each step timed alone):\n`)
    say(
      markdownTable(
        ['step', 'CPU per delivery', 'share'],
        steps.map((s) => [s.step, duration(s.cpuNsPerOp), pct(s.share)]),
      ),
    )
  }
  const small = main.find((r) => r.payload === 'message.incoming' && r.case === 'handle(), validation strict')
  if (small !== undefined)
    goals.push({
      goal: 'pipeline ≥ 150k small deliveries/s on one core',
      met: small.opsPerSec >= 150_000,
      detail: `${int(small.opsPerSec)}/s`,
    })
}

if (only.has('memory')) {
  say(`\n## Memory: heap used after GC, ${int(settings.memory.deliveries)} distinct deliveries, dedupe on\n`)
  const memory = await runMemoryBench(settings.memory.deliveries, settings.memory.step)
  results.memory = memory
  say(
    markdownTable(
      ['deliveries', 'heap used'],
      memory.curve.map((p) => [int(p.deliveries), `${p.heapUsedMiB.toFixed(1)} MiB`]),
    ),
  )
  const bounded = memory.growthMiB < 1
  say(
    `\nAfter the store filled (${int(memory.storeMax)} ids), the heap grew by ${memory.growthMiB.toFixed(2)} MiB: ${bounded ? 'bounded' : 'NOT bounded'}.`,
  )
  goals.push({
    goal: 'heap bounded by the store limit',
    met: bounded,
    detail: `+${memory.growthMiB.toFixed(2)} MiB`,
  })
}

if (only.has('http')) {
  // Our adapters join the run once their package loads (built, or from source with start:source).
  const available: ServerCase[] = []
  for (const name of serverCases) {
    const framework = /^(express|koa|fastify)-ours/.exec(name)?.[1]
    if (framework !== undefined) {
      try {
        await import(`@blinger-webhooks/${framework}`)
      } catch {
        say(`Skipping ${name}: @blinger-webhooks/${framework} does not load (build it first).`)
        continue
      }
    }
    available.push(name)
  }
  const { connections, seconds, rounds } = settings.http
  say(
    `\n## HTTP: ${connections} connections, ${seconds} s per case after 1 s warm-up, median of ${rounds} rounds\n`,
  )
  const http = await runHttpBench({ ...settings.http, cases: available }, say)
  const byCase = new Map(http.rows.map((r) => [r.case, r]))
  const octokit = byCase.get('octokit')
  const ratios = []
  say(
    `\nServer on ${http.pinned ? 'core 1, autocannon on core 0 (taskset)' : 'any core (taskset unavailable)'}; body ${http.payloadBytes} bytes.`,
  )
  say(
    '`-ours` runs with dedupe off (every request runs the whole pipeline); `-ours-dedupe` keeps dedupe on, so every repeat of the one body is a duplicate that skips dispatch. octokit verifies an HMAC-SHA256 signature on each request.\n',
  )
  const rows: string[][] = []
  for (const row of http.rows) {
    const framework = /^(express|koa|fastify)/.exec(row.case)?.[1]
    const bare = framework === undefined ? undefined : byCase.get(`${framework}-bare` as ServerCase)
    const isOurs = row.case.includes('-ours')
    const vsBare = isOurs && bare !== undefined ? row.reqPerSec / bare.reqPerSec : undefined
    const p99VsBare = isOurs && bare !== undefined ? row.p99Ms / bare.p99Ms : undefined
    const vsOctokit = isOurs && octokit !== undefined ? row.reqPerSec / octokit.reqPerSec : undefined
    if (isOurs)
      ratios.push({ case: row.case, reqPerSecVsBare: vsBare, p99VsBare, reqPerSecVsOctokit: vsOctokit })
    rows.push([
      row.case,
      int(row.reqPerSec),
      String(row.p50Ms),
      String(row.p99Ms),
      row.serverCpuMicrosPerRequest.toFixed(1),
      vsBare === undefined ? '' : ratio(vsBare),
      p99VsBare === undefined ? '' : ratio(p99VsBare),
      vsOctokit === undefined ? '' : ratio(vsOctokit),
      row.non2xx + row.errors === 0 ? '' : `${row.non2xx} non-2xx, ${row.errors} errors`,
    ])
    if (isOurs && !row.case.endsWith('-dedupe') && vsBare !== undefined && p99VsBare !== undefined)
      goals.push({
        goal: `${row.case}: ≥ 0.95× bare req/s, p99 ≤ 1.1× bare`,
        met: vsBare >= 0.95 && p99VsBare <= 1.1,
        detail: `${ratio(vsBare)}× req/s, ${ratio(p99VsBare)}× p99`,
      })
  }
  say(
    markdownTable(
      [
        'server',
        'req/s',
        'p50 ms',
        'p99 ms',
        'server CPU µs/req',
        'req/s ÷ bare',
        'p99 ÷ bare',
        'req/s ÷ octokit',
        'failures',
      ],
      rows,
    ),
  )
  results.http = { ...http, ratios }
}

if (only.has('queue')) {
  say('\n## Queue mode: @blinger-webhooks/bullmq on the loopback test Redis\n')
  const queue = await runQueueBench({ phaseMs: quick ? 1000 : 3000 })
  results.queue = queue
  const { enqueue, ack, ackAtRate, endToEnd } = queue
  say(
    markdownTable(
      ['measure', 'figure'],
      [
        [
          `enqueue throughput (receive → job stored, ${enqueue.concurrency} in flight)`,
          `${int(enqueue.jobsPerSecond)} jobs/s`,
        ],
        [
          `receiver ack over HTTP at saturation, ${ack.connections} connections`,
          `${int(ack.requestsPerSecond)} req/s`,
        ],
        ['ack latency at saturation p50 / p99', `${ack.p50} / ${ack.p99} ms`],
        [
          `ack latency at ${ackAtRate.ratePerSecond}/s with a worker running, p50 / p99`,
          `${ackAtRate.p50} / ${ackAtRate.p99} ms`,
        ],
        [
          `end to end, request → worker's handler, at ${endToEnd.ratePerSecond}/s, p50 / p99`,
          `${endToEnd.p50} / ${endToEnd.p99} ms`,
        ],
      ],
    ),
  )
}

if (only.has('auth')) results.auth = await runAuthBench(quick, say, goals)

say('\n## Goals\n')
say(
  markdownTable(
    ['goal', 'met', 'measured'],
    goals.map((g) => [g.goal, g.met ? 'yes' : 'no', g.detail]),
  ),
)
const loadAtEnd = loadavg()[0] ?? 0
say(`\nLoad average: ${machine.loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end.`)
results.goals = goals
results.loadAtEnd = loadAtEnd
// A smoke run must not replace the published figures.
const file = new URL(quick ? '../results.quick.json' : '../results.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
say(`Wrote ${file.pathname}`)
