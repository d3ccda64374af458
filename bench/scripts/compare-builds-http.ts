/**
 * A/B of two builds of @blinger-webhooks/core over HTTP, both in ONE node:http server process: `/before`,
 * `/after`, and `/before-again` (the first build a second time, the control), each behind the node adapter's
 * code. Every process gets one slice of wrk's load per route per round, in alternating order, and each route is
 * compared with `/before` in the same round of the same process.
 *
 *   tsx scripts/compare-builds-http.ts <before/index.js> <after/index.js> [rounds=16] [processes=3]
 * COMPARE_MODE=defaults (an async listener, the default), sync (a sync listener) or off (every feature off).
 *
 * Why one process: a process keeps its JIT decisions and heap layout for life, so two processes of the same code
 * read several µs apart for a whole run (the ladder prints it: 3–9 µs on node:http), more than most single cuts.
 * Routes of one process share Node's HTTP code and its JIT state, so that offset drops out of the comparison; the
 * round-to-round noise stays, and `/before-again` shows it (2026-12-07, three runs: +0.74, +0.76 and −1.63 µs,
 * the last with quartiles −7.6…+4.1). Build a working tree with the command in `compare-builds.ts`.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { canPin, load, measureSlice, type Running, startServer, stopServer } from '../src/http-bench.js'
import { loadRequestFor } from '../src/load-request.js'
import { median, orderOf, quantile } from '../src/measure.js'

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
const requestTo = (route: string) => ({ ...request, path: request.path.replace('?', `/${route}?`) })

const pinned = canPin()
const servers: Running[] = []
// Per route, per round: the mean over the processes of its CPU µs per request.
const perRound = new Map<string, number[]>(routes.map((route) => [route, []]))
try {
  for (let k = 0; k < Number(processesArg); k++) {
    const server = await startServer(`compare-${k}`, pinned, entry)
    servers.push(server)
    for (const route of routes) await load(server.port, requestTo(route), 50, 1) // warm-up
  }
  for (let round = 0; round < rounds; round++) {
    const sums = new Map<string, number>(routes.map((route) => [route, 0]))
    for (const [k, server] of servers.entries())
      for (const route of orderOf(routes, round + k)) {
        const { cpuMicros } = await measureSlice(server, requestTo(route), 50, 1)
        sums.set(route, (sums.get(route) ?? 0) + cpuMicros / servers.length)
      }
    for (const route of routes) perRound.get(route)?.push(sums.get(route) ?? 0)
  }
} finally {
  for (const { child } of servers) await stopServer(child)
}

const base = perRound.get('before') ?? []
console.log(`${process.env.COMPARE_MODE ?? 'defaults'}, ${rounds} rounds, ${servers.length} processes:`)
for (const route of routes) {
  const own = perRound.get(route) ?? []
  const steps = own.map((value, round) => value - (base[round] ?? 0))
  const step =
    route === 'before'
      ? ''
      : `, over /before ${median(steps).toFixed(2)} (quartiles ${quantile(steps, 0.25).toFixed(2)}…${quantile(steps, 0.75).toFixed(2)})`
  console.log(`  /${route}: ${median(own).toFixed(1)} µs/request${step}`)
}
