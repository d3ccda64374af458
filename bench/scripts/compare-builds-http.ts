/**
 * A/B of two builds of @blinger-webhooks/core over HTTP, both in ONE node:http server process: `/before`,
 * `/after`, and `/before-again` (the first build a second time, the control), each behind the node adapter's
 * code. Every process gets one slice of wrk's load per route per round, in an order shuffled per round and
 * process, and each route is compared with `/before` in the same round of the same process (`pairing.ts`, as
 * `pnpm bench` and the ladder pair theirs).
 *
 *   tsx scripts/compare-builds-http.ts <before/index.js> <after/index.js> [rounds=16] [processes=3]
 * COMPARE_MODE=defaults (an async listener, the default), sync (a sync listener) or off (every feature off).
 *
 * Why one process: a process keeps its JIT decisions and heap layout for life, so two processes of the same code
 * read several µs apart for a whole run (the ladder prints it: 3–9 µs on node:http), more than most single cuts.
 * Routes of one process share Node's HTTP code and its JIT state, so that offset drops out of the comparison; the
 * round-to-round noise stays, and `/before-again` shows it (2026-12-07, three runs in a fixed alternating order,
 * each step the mean of the processes per round: +0.74, +0.76 and −1.63 µs, the last with quartiles −7.6…+4.1).
 * The order is shuffled since: a fixed one lets what a route leaves behind land on the same neighbour every round.
 * Build a working tree with the command in `compare-builds.ts`.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  canPin,
  load,
  measureSlice,
  type Running,
  type Slice,
  startServer,
  stopServer,
} from '../src/http-bench.js'
import { stepOf } from '../src/ladder-math.js'
import { loadRequestFor } from '../src/load-request.js'
import { median } from '../src/measure.js'
import { combineProcesses, shuffledOf } from '../src/pairing.js'
import { routedPath } from '../src/route-server.js'

const [before, after, roundsArg = '16', processesArg = '3'] = process.argv.slice(2)
if (before === undefined || after === undefined) {
  console.error('usage: tsx scripts/compare-builds-http.ts <before.js> <after.js> [rounds] [processes]')
  process.exit(1)
}
process.env.COMPARE_BEFORE = resolve(before)
process.env.COMPARE_AFTER = resolve(after)
const rounds = Number(roundsArg)
const routes = ['before', 'after', 'before-again'] as const
const entry = fileURLToPath(new URL('./compare-builds-http-server.ts', import.meta.url))
const request = loadRequestFor('node-ours')
const requestTo = (route: string) => ({ ...request, path: routedPath(route, request.path) })

const pinned = canPin()
const servers: Running[] = []
// Per route, `[round][process]`.
const slices = new Map<string, Slice[][]>(routes.map((route) => [route, []]))
try {
  for (let k = 0; k < Number(processesArg); k++) {
    const server = await startServer(`compare-${k}`, pinned, entry)
    servers.push(server)
    for (const route of routes) await load(server.port, requestTo(route), 50, 1) // warm-up
  }
  for (let round = 0; round < rounds; round++)
    for (const [k, server] of servers.entries())
      for (const route of shuffledOf(routes, round, k)) {
        const own = slices.get(route) as Slice[][]
        own[round] ??= []
        ;(own[round] as Slice[])[k] = await measureSlice(server, requestTo(route), 50, 1)
      }
} finally {
  for (const { child } of servers) await stopServer(child)
}

const base = slices.get('before') ?? []
console.log(`${process.env.COMPARE_MODE ?? 'defaults'}, ${rounds} rounds, ${servers.length} processes:`)
for (const route of routes) {
  const own = slices.get(route) ?? []
  const { cpuMicros: step } = stepOf(own, base, 1.15)
  const over =
    route === 'before'
      ? ''
      : `, over /before ${step.median.toFixed(2)} (quartiles ${step.low.toFixed(2)}…${step.high.toFixed(2)})`
  console.log(
    `  /${route}: ${median(own.map((r) => combineProcesses(r).cpuMicros)).toFixed(1)} µs/request${over}`,
  )
}
