/**
 * Profiles one HTTP case's server: runs `src/server.ts <case>` under `node --cpu-prof`, loads it with the
 * bench's load generator (wrk, or autocannon without it; 50 connections, the case's bodies) for a warm-up
 * second and then the measured seconds, and prints the server's top functions by self time over the measured
 * window only.
 *
 *   tsx scripts/profile-http.ts <case> [seconds]     e.g. fastify-ours
 */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load } from '../src/http-bench.js'
import { routedRequestFor } from '../src/load-request.js'
import { type ServerCase, serverCases } from '../src/server-cases.js'
import { formatTop, latestProfile, summarize } from './top-self-time.js'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const dir = join(root, 'profiles')
mkdirSync(dir, { recursive: true })
const name = process.argv[2] as ServerCase
const seconds = Number(process.argv[3] ?? 5)
if (!serverCases.includes(name) || name === 'octokit') {
  console.error(
    `usage: tsx scripts/profile-http.ts <${serverCases.filter((c) => c !== 'octokit').join('|')}> [seconds]`,
  )
  process.exit(1)
}
const started = Date.now()
const child = fork(join(root, 'src/server.ts'), [name], {
  execArgv: [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--cpu-prof-interval=100',
    ...process.execArgv.filter((a) => a.startsWith('--conditions')),
    '--import',
    'tsx',
  ],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const [{ port }] = (await once(child, 'message')) as [{ port: number }]
const request = routedRequestFor(name)
await load(port, request, 50, 1)
const now = () => Number(process.hrtime.bigint() / 1000n)
const from = now()
const { result } = await load(port, request, 50, seconds)
const to = now()
const exited = once(child, 'exit')
child.disconnect() // the server exits on disconnect, and --cpu-prof writes its profile on exit
await exited
console.log(`${name}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99Ms} ms while profiled`)
const latest = latestProfile(dir, started)
console.log(`\n${latest}\n`)
console.log(formatTop(summarize(JSON.parse(readFileSync(latest, 'utf8')), { from, to }), 30))
