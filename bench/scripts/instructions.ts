/**
 * User-space instructions per request over HTTP, counted by valgrind's callgrind: each route of
 * `instructions-server.ts` (node:http and Fastify, bare, ours with every feature off, ours at the defaults with an
 * async listener) in its own run, after the JIT has settled. Unlike CPU time, the count does not move with what
 * else the machine does: two runs of a route agree within about 1% (2026-12-07). What it leaves out is the
 * kernel (the socket's reads and writes, the wake-ups) and the caches: a count is the work a route's code does,
 * not what it costs over HTTP, which `pnpm bench` and the ladder measure.
 *
 *   tsx scripts/instructions.ts [route,…] [--warm 20000] [--count 2000] [--runs 2] [--top 12] [--cache-sim]
 *
 * With `--cache-sim`, callgrind also simulates this CPU's L1 caches (32 KB, 8-way, for instructions and for data)
 * and the table adds their misses per request: over HTTP a rung's price follows those more than its
 * instructions (docs/performance.md, "The measurement's own price"). About twice as slow.
 *
 * Needs valgrind (`apt-get install valgrind`). Under valgrind the CPU has no SHA extensions, so OpenSSL hashes in
 * software: a delivery's sha256 (dedupe) counts about 27,000 instructions here, several times what it costs on
 * this machine's CPU.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { median } from '../src/measure.js'
import { type InstructionRoute, instructionRoutes } from './instructions-server.js'

const run = promisify(execFile)
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    warm: { type: 'string', default: '20000' },
    count: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '2' },
    top: { type: 'string', default: '12' },
    'cache-sim': { type: 'boolean', default: false },
  },
})
const routes = (positionals[0]?.split(',') ?? instructionRoutes) as InstructionRoute[]
for (const route of routes)
  if (!instructionRoutes.includes(route)) throw new Error(`routes: ${instructionRoutes.join(', ')}`)
const count = Number(values.count)
const server = fileURLToPath(new URL('./instructions-server.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'instructions-'))
const caches = values['cache-sim']

/** What one run counted per request: instructions, and with `--cache-sim` the L1 misses. */
interface Counted {
  readonly perRequest: number
  readonly l1InstructionMisses: number | undefined
  readonly l1DataReadMisses: number | undefined
  readonly out: string
}

/** One run of `route` under callgrind: what it counted per request, and its output file. */
async function measure(route: InstructionRoute, k: number): Promise<Counted> {
  const out = join(dir, `${route}-${k}.callgrind`)
  const { stderr } = await run(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all-non-file', // V8 writes the code it runs
      '--instr-atstart=no',
      `--cache-sim=${caches ? 'yes' : 'no'}`,
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--import',
      'tsx',
      server,
      route,
      String(count),
    ],
    { env: { ...process.env, WARM: values.warm }, maxBuffer: 64 * 1024 * 1024 },
  )
  // `Collected : Ir [I1mr D1mr …]`, in the order of the output file's `events:` line.
  const collected = /Collected : ([\d ]+)/.exec(stderr)?.[1]?.trim().split(' ').map(Number)
  if (collected === undefined)
    throw new Error(`callgrind printed no count for ${route}:\n${stderr.slice(-2000)}`)
  const events = /^events: (.*)$/m.exec(readFileSync(out, 'utf8'))?.[1]?.split(' ') ?? ['Ir']
  const of = (event: string) => {
    const at = events.indexOf(event)
    return at === -1 ? undefined : (collected[at] ?? 0) / count
  }
  return { perRequest: of('Ir') ?? 0, l1InstructionMisses: of('I1mr'), l1DataReadMisses: of('D1mr'), out }
}

/** Self instructions per function in a callgrind output file, from `callgrind_annotate`. */
async function selfByFunction(out: string): Promise<Map<string, number>> {
  const { stdout } = await run(
    'callgrind_annotate',
    ['--inclusive=no', '--threshold=100', '--show=Ir', '--sort=Ir', out],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  )
  const byFunction = new Map<string, number>()
  for (const line of stdout.split('\n')) {
    const match = /^\s*([\d,]+)\s+\([^)]*\)\s+(?:\?\?\?:)?(.*?)(?: \[.*\])?$/.exec(line)
    if (match === null || match[2] === undefined || match[2].includes('PROGRAM TOTALS')) continue
    // Code V8 generated has no symbol: one line for all of it.
    const name = match[2].startsWith('0x') ? '(JavaScript, compiled by V8)' : match[2].slice(0, 100)
    byFunction.set(name, (byFunction.get(name) ?? 0) + Number(match[1]?.replaceAll(',', '')) / count)
  }
  return byFunction
}

// Two at a time: one per core.
const jobs = routes.flatMap((route) => Array.from({ length: Number(values.runs) }, (_, k) => ({ route, k })))
const results = new Map<InstructionRoute, Counted[]>()
for (let i = 0; i < jobs.length; i += 2)
  for (const [j, result] of (
    await Promise.all(jobs.slice(i, i + 2).map((job) => measure(job.route, job.k)))
  ).entries()) {
    const { route } = jobs[i + j] as { route: InstructionRoute }
    results.set(route, [...(results.get(route) ?? []), result])
  }

type Figure = Exclude<keyof Counted, 'out'>
const medianOf = (route: InstructionRoute, field: Figure) =>
  median((results.get(route) ?? []).map((r) => r[field] ?? 0))
const bareOf = (route: InstructionRoute) => `${route.split('-')[0]}-bare` as InstructionRoute
const figure = (route: InstructionRoute, field: Figure) => {
  const own = Math.round(medianOf(route, field))
  const bare = bareOf(route)
  if (route === bare || !results.has(bare)) return own.toLocaleString('en')
  const over = own - Math.round(medianOf(bare, field))
  return `${own.toLocaleString('en')} (${over >= 0 ? '+' : ''}${over.toLocaleString('en')})`
}
console.log(
  `Per request (user space, server and client), ${count} requests after ${values.warm}; over bare in brackets:\n`,
)
console.log(`| route | instructions | runs |${caches ? ' L1i misses | L1d read misses |' : ''}`)
console.log(`|---|---:|---|${caches ? '---:|---:|' : ''}`)
for (const route of routes) {
  const runs = (results.get(route) ?? []).map((r) => Math.round(r.perRequest).toLocaleString('en')).join(', ')
  const misses = caches
    ? ` ${figure(route, 'l1InstructionMisses')} | ${figure(route, 'l1DataReadMisses')} |`
    : ''
  console.log(`| ${route} | ${figure(route, 'perRequest')} | ${runs} |${misses}`)
}
for (const route of routes) {
  const bare = bareOf(route)
  if (route === bare || !results.has(bare)) continue
  const [mine, theirs] = await Promise.all(
    [route, bare].map((r) => selfByFunction((results.get(r) ?? [])[0]?.out ?? '')),
  )
  const grown = [...new Set([...(mine?.keys() ?? []), ...(theirs?.keys() ?? [])])]
    .map((fn) => ({ fn, grew: (mine?.get(fn) ?? 0) - (theirs?.get(fn) ?? 0) }))
    .sort((a, b) => b.grew - a.grew)
    .slice(0, Number(values.top))
  console.log(`\n${route} over ${bare}, the functions that grew most (first runs):`)
  for (const { fn, grew } of grown)
    console.log(`  ${Math.round(grew).toLocaleString('en').padStart(8)}  ${fn}`)
}
console.log(`\nCallgrind files: ${dir}`)
