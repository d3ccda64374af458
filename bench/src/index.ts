/**
 * `pnpm bench`: the in-process pipeline, memory under 1M deliveries, and each adapter over HTTP against its
 * bare framework and @octokit/webhooks. Prints Markdown tables and writes bench/results.json.
 *
 * BENCH_QUICK=1 runs one short round of everything (about a minute), for a smoke test; its figures are not
 * for publishing. BENCH_ONLY=pipeline,order-core,floor,channels,memory,http,queue,order,auth runs some parts only (queue and
 * order need `pnpm redis:start`; order-core is `order` in process). HTTP load comes from wrk when it is on PATH,
 * from autocannon otherwise or with BENCH_LOADGEN=autocannon (`load-generator.ts`).
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { runAuthBench } from './auth-bench.js'
import { runChannelsBench } from './channels-bench.js'
import { runFloorBench } from './floor-bench.js'
import { runHttpBench } from './http-bench.js'
import {
  describeLoadGenerator,
  loadDefaults,
  loadGenerator,
  loadGeneratorAdvice,
  sliceMsFor,
} from './load-generator.js'
import { describeMachine } from './machine.js'
import { runMemoryBench } from './memory-bench.js'
import { runOrderBench } from './order-bench.js'
import { headline, runPipelineBench } from './pipeline-bench.js'
import { runQueueBench } from './queue-bench.js'
import { runQueueOrderBench } from './queue-order-bench.js'
import { adapterOf, bareOf, type ServerCase, serverCases } from './server-cases.js'
import { duration, int, markdownTable, pct, spread } from './table.js'

const quick = process.env.BENCH_QUICK === '1'
// BENCH_CASES=node,fastify keeps the HTTP cases whose name starts with one of these (and octokit).
const caseFilter = process.env.BENCH_CASES?.split(',')
const partial = caseFilter !== undefined || process.env.BENCH_ONLY !== undefined
const only = new Set(
  (process.env.BENCH_ONLY ?? 'pipeline,order-core,floor,channels,memory,http,queue,order,auth').split(','),
)
const fromSource = process.execArgv.some((arg) => arg.includes('@blinger-webhooks/source'))
// wrk when it is on PATH (slices of whole seconds, so fewer rounds), autocannon otherwise: load-generator.ts.
const generator = loadGenerator()
const httpDefaults = loadDefaults[generator.name]
const settings = {
  pipeline: quick ? { rounds: 1, ms: 300, warmupMs: 100 } : { rounds: 3, ms: 1000, warmupMs: 300 },
  orderCore: quick ? { rounds: 2, ms: 200, warmupMs: 50 } : { rounds: 10, ms: 300, warmupMs: 100 },
  floor: quick ? { rounds: 2, ms: 200, warmupMs: 50 } : { rounds: 15, ms: 300, warmupMs: 100 },
  channels: quick ? { rounds: 2, ms: 200, warmupMs: 50 } : { rounds: 15, ms: 300, warmupMs: 100 },
  memory: quick ? { deliveries: 200_000, step: 100_000 } : { deliveries: 1_000_000, step: 100_000 },
  http: quick
    ? {
        rounds: generator.name === 'wrk' ? 2 : 3,
        connections: 50,
        sliceMs: sliceMsFor(generator.name, 300),
        warmupSeconds: 1,
        calm: 1.15,
        processes: 1,
      }
    : {
        rounds: Number(process.env.BENCH_ROUNDS ?? httpDefaults.rounds),
        connections: 50,
        sliceMs: httpDefaults.sliceMs,
        warmupSeconds: 2,
        calm: 1.15,
        processes: Number(process.env.BENCH_PROCESSES ?? 2),
      },
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
  loadGenerator: describeLoadGenerator(generator),
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
    say(
      `\nWhere handle() with defaults and a Buffer body of ${payload} spends its time (each step timed alone):\n`,
    )
    say(
      markdownTable(
        ['step', 'CPU per delivery', 'share'],
        steps.map((s) => [s.step, duration(s.cpuNsPerOp), pct(s.share)]),
      ),
    )
  }
  const small = main.find((r) => r.payload === 'message.incoming' && r.case === headline)
  if (small !== undefined)
    goals.push({
      goal: 'in process: ≥ 100k small deliveries/s on one core (defaults, stream + response)',
      met: small.opsPerSec >= 100_000,
      detail: `${int(small.opsPerSec)}/s`,
    })
}

if (only.has('order-core')) {
  const { rounds } = settings.orderCore
  say(
    `\n## The cost of order: 'conversation' in process (handle(), Buffer body), paired within each of ${rounds} rounds\n`,
  )
  const order = await runOrderBench(settings.orderCore)
  results.orderCore = order
  say(
    markdownTable(
      ['case', 'CPU per delivery, off', "order: 'conversation'", 'cost (paired median)'],
      order.map((r) => [r.case, duration(r.offCpuNs), duration(r.onCpuNs), duration(r.costCpuNs)]),
    ),
  )
}

if (only.has('floor')) {
  const { rounds } = settings.floor
  say(
    `\n## The floor, step by step: the adapter's path in process (a stream and a response per request), one feature per rung, paired within each of ${rounds} rounds\n`,
  )
  const floor = await runFloorBench(settings.floor)
  results.floor = floor
  say(
    markdownTable(
      ['rung', 'CPU per delivery', 'adds', 'quartiles over rounds'],
      floor.map((r, index) => [
        r.rung,
        duration(r.cpuNsPerOp),
        index === 0 ? '' : duration(r.addedNs.median),
        index === 0 ? '' : `${duration(r.addedNs.low)}–${duration(r.addedNs.high)}`,
      ]),
    ),
  )
}

if (only.has('channels')) {
  const { rounds } = settings.channels
  say(
    `\n## Diagnostics channels: handle() of message.incoming, ratios to bare within each of ${rounds} rounds\n`,
  )
  const channels = await runChannelsBench(settings.channels)
  results.channels = channels
  say(
    markdownTable(
      ['case', 'CPU per delivery', '÷ bare (median)', 'spread over rounds'],
      channels.rows.map((r) => [
        r.case,
        duration(r.cpuNsPerOp),
        r.vsBare.toFixed(2),
        `${r.vsBareMin.toFixed(2)}–${r.vsBareMax.toFixed(2)}`,
      ]),
    ),
  )
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
    if (caseFilter !== undefined && name !== 'octokit' && !caseFilter.some((c) => name.startsWith(c)))
      continue
    const adapter = adapterOf(name)
    if (adapter !== undefined) {
      try {
        await import(adapter)
      } catch {
        say(`Skipping ${name}: ${adapter} does not load (build it first).`)
        continue
      }
    }
    available.push(name)
  }
  const { connections, sliceMs, rounds, processes } = settings.http
  say(
    `\n## HTTP: ${connections} connections, ${rounds} rounds of ${sliceMs} ms per case and process, ${processes} processes per framework, every route warm\n`,
  )
  const advice = loadGeneratorAdvice(generator)
  if (advice !== undefined) say(advice)
  const http = await runHttpBench({ ...settings.http, cases: available }, say)
  say(
    `\nServer on ${http.pinned ? `core 1, load from ${http.loadGenerator} on core 0 (taskset)` : `any core (taskset unavailable), load from ${http.loadGenerator}`}; body ${http.payloadBytes} bytes, distinct on every request unless the case repeats one.`,
  )
  say(
    '`-ours`: default options (dedupe on, strict validation), one async listener. `-dedupe-off`: dedupe off. `-duplicate`: one body repeated, so every delivery after the first is a duplicate. octokit verifies an HMAC-SHA256 on each request.',
  )
  say(
    `Each framework's cases, its bare route and octokit are routes of the same processes (${http.processGroups.map((g) => g.join(', ')).join('; ')}), measured in an order shuffled per round and process. Ratios are paired within each round of each process (median, and quartiles in brackets) over the pairs whose baseline cost at most ${settings.http.calm}× its median in that process; the columns are medians over the rounds of the processes' mean. "capacity" is the baseline's CPU µs/request ÷ the case's: the req/s ratio when the server's core is the bottleneck, whoever the client is. "busy" is the server's CPU time ÷ the slice's wall time: under 0.9, the load generator set the pace.\n`,
  )
  const vs = (name: ServerCase, against: ServerCase | undefined) =>
    http.comparisons.find((c) => c.case === name && c.against === against)
  say(
    markdownTable(
      [
        'server',
        'req/s',
        'p99 ms',
        'server CPU µs/req',
        'GC µs/req',
        'busy',
        'req/s ÷ bare',
        'capacity ÷ bare',
        'p99 ÷ bare',
        'µs/req over bare',
        'failures',
      ],
      http.rows.map((row) => {
        const c = vs(row.case, bareOf(row.case))
        return [
          row.case,
          int(row.reqPerSec),
          row.p99Ms.toFixed(1),
          row.serverCpuMicrosPerRequest.toFixed(1),
          row.gcMicrosPerRequest.toFixed(2),
          row.busy.toFixed(2),
          c === undefined ? '' : spread(c.reqPerSec),
          c === undefined ? '' : spread(c.capacity),
          c === undefined ? '' : spread(c.p99),
          c === undefined ? '' : spread(c.extraCpuMicros, 1),
          row.failures === 0 ? '' : String(row.failures),
        ]
      }),
    ),
  )
  const idle = http.rows.filter((row) => row.busy < 0.9)
  if (idle.length > 0)
    say(
      `\nWarning: the server was busy under 0.9 of the time on ${idle.map((r) => `${r.case} (${r.busy.toFixed(2)}, waited for its core ${r.waited.toFixed(2)})`).join(', ')}. Where busy plus "waited" (its main thread ready to run while another process held its core, from /proc/<pid>/schedstat) comes near 1, other processes set the pace; otherwise the load generator did. Read those req/s with care; capacity (CPU µs/request) still holds.`,
    )
  const againstOctokit = http.comparisons.filter((c) => c.against === 'octokit')
  if (againstOctokit.length > 0) {
    say('\nAgainst @octokit/webhooks, paired the same way:\n')
    say(
      markdownTable(
        ['server', 'req/s ÷ octokit', 'capacity ÷ octokit', 'pairs kept'],
        againstOctokit.map((c) => [c.case, spread(c.reqPerSec), spread(c.capacity), String(c.roundsKept)]),
      ),
    )
  }
  const floors = { 'fastify-ours': 0.88, 'node-ours': 0.8, 'koa-ours': 1.05, 'express-ours': 1.2 } as const
  for (const [name, floor] of Object.entries(floors) as [ServerCase, number][]) {
    const c = vs(name, bareOf(name))
    if (c === undefined) continue
    goals.push({
      goal: `${name} ≥ ${floor}× bare req/s (capacity)`,
      met: c.capacity.median >= floor,
      detail: `capacity ${spread(c.capacity)}, req/s ${spread(c.reqPerSec)}`,
    })
  }
  for (const name of ['node-ours', 'fastify-ours', 'koa-ours', 'express-ours', 'hono-ours'] as const) {
    const c = vs(name, bareOf(name))
    if (c === undefined) continue
    goals.push({ goal: `${name}: p99 ≤ 1.15× bare`, met: c.p99.median <= 1.15, detail: spread(c.p99) })
    const row = http.rows.find((r) => r.case === name)
    const bareRow = http.rows.find((r) => r.case === bareOf(name))
    goals.push({
      goal: `${name}: GC µs/request ≤ 1.5× bare`,
      met: c.gc.median <= 1.5,
      detail: `${row?.gcMicrosPerRequest.toFixed(2)} against ${bareRow?.gcMicrosPerRequest.toFixed(2)} µs (${spread(c.gc)})`,
    })
  }
  for (const name of ['fastify-ours', 'koa-ours', 'node-ours'] as const) {
    const c = vs(name, 'octokit')
    if (c === undefined) continue
    goals.push({
      goal: `${name} ahead of octokit`,
      met: c.capacity.median > 1,
      detail: `capacity ${spread(c.capacity)}, req/s ${spread(c.reqPerSec)}`,
    })
  }
  results.http = http
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

if (only.has('order')) {
  say("\n## Queue mode with order: 'conversation'\n")
  const order = await runQueueOrderBench(
    quick ? { rounds: 1, conversations: 50, messagesEach: 4 } : { rounds: 5 },
  )
  results.order = order
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  const ratio = (pick: (run: (typeof order.rounds)[number]['plain']) => number) =>
    median(order.rounds.map((round) => pick(round.ordered) / pick(round.plain)))
  say(
    `${order.conversations} conversations × ${order.messagesEach} messages, interleaved; ${order.workers} workers × concurrency ${order.concurrency}. Median of ${order.rounds.length} paired rounds.\n`,
  )
  say(
    markdownTable(
      ['measure', 'without order', 'with order', 'with ÷ without'],
      [
        [
          'enqueue (receive → job stored, 64 in flight)',
          `${int(median(order.rounds.map((r) => r.plain.enqueuePerSecond)))} jobs/s`,
          `${int(median(order.rounds.map((r) => r.ordered.enqueuePerSecond)))} jobs/s`,
          ratio((run) => run.enqueuePerSecond).toFixed(2),
        ],
        [
          'processing (first job taken → last handled)',
          `${int(median(order.rounds.map((r) => r.plain.processedPerSecond)))} jobs/s`,
          `${int(median(order.rounds.map((r) => r.ordered.processedPerSecond)))} jobs/s`,
          ratio((run) => run.processedPerSecond).toFixed(2),
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
// A smoke run or a partial one must not replace the published figures.
const file = new URL(
  quick ? '../results.quick.json' : partial ? '../results.partial.json' : '../results.json',
  import.meta.url,
)
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
say(`Wrote ${file.pathname}`)
