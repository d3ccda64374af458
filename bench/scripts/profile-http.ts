/**
 * Profiles one HTTP case's server: runs `src/server.ts <case>` under `node --cpu-prof`, loads it with
 * autocannon (50 connections) for a warm-up second and then the measured seconds, and prints the server's
 * top functions by self time over the measured window only.
 *
 *   tsx scripts/profile-http.ts <case> [seconds]     e.g. fastify-ours
 */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { smallTemplate, url } from '../src/payloads.js'
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
const body = smallTemplate().body
const load = (duration: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}${url}`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: 50,
    duration,
  })
await load(1)
const now = () => Number(process.hrtime.bigint() / 1000n)
const from = now()
const result = await load(seconds)
const to = now()
const exited = once(child, 'exit')
child.disconnect() // the server exits on disconnect, and --cpu-prof writes its profile on exit
await exited
console.log(
  `${name}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms while profiled`,
)
const latest = latestProfile(dir, started)
console.log(`\n${latest}\n`)
console.log(formatTop(summarize(JSON.parse(readFileSync(latest, 'utf8')), { from, to }), 30))
