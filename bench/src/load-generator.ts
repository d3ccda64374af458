/**
 * Which program drives the HTTP load: `wrk` when it is on PATH, autocannon otherwise (or when
 * `BENCH_LOADGEN=autocannon`). On 2 cores autocannon, one JavaScript thread, tops out near 15–16k req/s and
 * leaves a bare node:http server idle a third of the time; wrk, in C, keeps the server's core busy, so CPU per
 * request is measured under saturation rather than per wake-up.
 */
import { createRequire } from 'node:module'
import { wrkOnPath, wrkSeconds, wrkVersion } from './wrk-load.js'

export type LoadGeneratorName = 'wrk' | 'autocannon'

export interface LoadGenerator {
  readonly name: LoadGeneratorName
  readonly version: string
  /** Why this one: `BENCH_LOADGEN` chose it, or wrk was (or was not) found on PATH. */
  readonly reason: 'BENCH_LOADGEN' | 'wrk on PATH' | 'no wrk on PATH'
}

/** The choice alone, from `BENCH_LOADGEN` and whether wrk is on PATH. */
export function chooseLoadGenerator(
  setting: string | undefined,
  wrkFound: boolean,
): Pick<LoadGenerator, 'name' | 'reason'> {
  if (setting === 'autocannon') return { name: 'autocannon', reason: 'BENCH_LOADGEN' }
  if (setting === 'wrk') {
    if (!wrkFound) throw new Error('BENCH_LOADGEN=wrk, but wrk is not on PATH (apt-get install wrk)')
    return { name: 'wrk', reason: 'BENCH_LOADGEN' }
  }
  if (setting !== undefined && setting !== '')
    throw new Error(`BENCH_LOADGEN takes wrk or autocannon, not ${setting}`)
  return wrkFound ? { name: 'wrk', reason: 'wrk on PATH' } : { name: 'autocannon', reason: 'no wrk on PATH' }
}

function autocannonVersion(): string {
  try {
    const manifest = createRequire(import.meta.url)('autocannon/package.json') as { version?: string }
    return manifest.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

let chosen: LoadGenerator | undefined

/** The load generator of this run, chosen once. */
export function loadGenerator(): LoadGenerator {
  if (chosen === undefined) {
    const choice = chooseLoadGenerator(process.env.BENCH_LOADGEN, wrkOnPath())
    chosen = { ...choice, version: choice.name === 'wrk' ? wrkVersion() : autocannonVersion() }
  }
  return chosen
}

/**
 * Slice length and rounds by load generator. wrk's slices are whole seconds, so it runs fewer rounds: a full
 * ladder (16 rungs) stays near 10 minutes, and `pnpm bench`'s 15 HTTP cases near 6.
 */
export const loadDefaults: Readonly<
  Record<LoadGeneratorName, { readonly sliceMs: number; readonly rounds: number }>
> = {
  wrk: { sliceMs: 1000, rounds: 20 },
  autocannon: { sliceMs: 300, rounds: 30 },
}

/** The slice a requested one becomes with this generator (wrk: whole seconds, at least 1). */
export function sliceMsFor(name: LoadGeneratorName, requestedMs: number): number {
  return name === 'wrk' ? wrkSeconds(requestedMs / 1000) * 1000 : requestedMs
}

/** `wrk debian/4.1.0-3+b2` or `autocannon 9.0.0`: what the run's header and results file name. */
export const describeLoadGenerator = (g: LoadGenerator): string => `${g.name} ${g.version}`

/** The line to print when autocannon runs for want of wrk, or `undefined`. */
export function loadGeneratorAdvice(g: LoadGenerator): string | undefined {
  if (g.reason !== 'no wrk on PATH') return undefined
  return 'Load generator: autocannon (wrk is not on PATH). On 2 cores it can leave the server idle (busy under 0.9); `apt-get install wrk` gives a load generator that saturates the server.'
}
