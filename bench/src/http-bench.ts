import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { median, orderOf } from './measure.js'
import { octokitDelivery, smallTemplate, url } from './payloads.js'
import type { ServerCase } from './server-cases.js'

/** Settings of one HTTP run; the same for every case. */
export interface HttpSettings {
  readonly rounds: number
  readonly connections: number
  /** Measured seconds per case and round. */
  readonly seconds: number
  /** Unmeasured seconds of load first, so every server is warm (JIT, pools) when measured. */
  readonly warmupSeconds: number
  readonly cases: readonly ServerCase[]
}

/** One case's median figures, and each round's req/s. */
export interface HttpRow {
  readonly case: ServerCase
  readonly reqPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  /**
   * The server process's CPU time per request (user + system, all its threads). Unlike req/s it does not
   * depend on whether the client or the server is the bottleneck.
   */
  readonly serverCpuMicrosPerRequest: number
  readonly rounds: readonly number[]
  /** Answers other than 2xx, and socket errors or timeouts, summed over the measured rounds; both should be 0. */
  readonly non2xx: number
  readonly errors: number
}

/** Whether `taskset` can pin processes here; then the server gets core 1 and autocannon core 0. */
function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function startServer(
  name: ServerCase,
  pinned: boolean,
): Promise<{ child: ChildProcess; port: number }> {
  const entry = fileURLToPath(new URL('./server.ts', import.meta.url))
  const child = fork(entry, [name], {
    execArgv: [...process.execArgv.filter((a) => a.startsWith('--conditions')), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  if (pinned) execFileSync('taskset', ['-p', '-c', '1', String(child.pid)], { stdio: 'ignore' })
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error(`the ${name} server exited before listening`)
    }),
  ])) as [{ port: number }]
  return { child, port: message.port }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/** The request each case gets: the same URL and connections; octokit gets a GitHub body of the same size. */
function requestFor(name: ServerCase, body: Buffer, octokit: ReturnType<typeof octokitDelivery>) {
  return name === 'octokit'
    ? { body: octokit.body, headers: { 'content-type': 'application/json', ...octokit.headers } }
    : { body, headers: { 'content-type': 'application/json' } }
}

function load(port: number, request: ReturnType<typeof requestFor>, connections: number, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}${url}`,
    method: 'POST',
    body: request.body,
    headers: request.headers,
    connections,
    duration: seconds,
  })
}

/**
 * Runs every case `rounds` times in alternating order, each against a fresh server process, and keeps the
 * median of req/s, p50 and p99.
 */
export async function runHttpBench(
  settings: HttpSettings,
  log: (line: string) => void,
): Promise<{ rows: HttpRow[]; pinned: boolean; payloadBytes: number }> {
  const body = smallTemplate().body
  const octokit = octokitDelivery(body.length)
  const pinned = canPin()
  const runs = new Map<ServerCase, autocannon.Result[]>(settings.cases.map((c) => [c, []]))
  const cpu = new Map<ServerCase, number[]>(settings.cases.map((c) => [c, []]))
  for (let round = 0; round < settings.rounds; round++) {
    for (const name of orderOf(settings.cases, round)) {
      const { child, port } = await startServer(name, pinned)
      try {
        const request = requestFor(name, body, octokit)
        await load(port, request, settings.connections, settings.warmupSeconds)
        child.send('mark')
        const result = await load(port, request, settings.connections, settings.seconds)
        child.send('cpu')
        const [{ cpuMicros }] = (await once(child, 'message')) as [{ cpuMicros: number }]
        runs.get(name)?.push(result)
        cpu.get(name)?.push(cpuMicros / Math.max(1, result.requests.total))
        log(
          `  round ${round + 1} ${name.padEnd(20)} ${Math.round(result.requests.average).toString().padStart(6)} req/s  p99 ${result.latency.p99} ms` +
            (result.non2xx + result.errors + result.timeouts > 0
              ? `  (${result.non2xx} non-2xx, ${result.errors + result.timeouts} errors)`
              : ''),
        )
      } finally {
        await stopServer(child)
      }
    }
  }
  const rows = settings.cases.map((name): HttpRow => {
    const results = runs.get(name) ?? []
    return {
      case: name,
      reqPerSec: median(results.map((r) => r.requests.average)),
      p50Ms: median(results.map((r) => r.latency.p50)),
      p99Ms: median(results.map((r) => r.latency.p99)),
      serverCpuMicrosPerRequest: median(cpu.get(name) ?? []),
      rounds: results.map((r) => Math.round(r.requests.average)),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    }
  })
  return { rows, pinned, payloadBytes: body.length }
}
