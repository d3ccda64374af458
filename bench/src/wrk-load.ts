/** Runs `wrk` (C, event loop, one thread) against a server: the load generator that saturates one. */
import { execFile, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import type { LoadRequest } from './load-request.js'
import type { LoadResult } from './load-result.js'
import { parseWrkOutput } from './wrk-output.js'
import { wrkScript } from './wrk-script.js'

const run = promisify(execFile)

/** Whether an executable `wrk` is on PATH. */
export function wrkOnPath(path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(join(dir, 'wrk'), constants.X_OK)
        return true
      } catch {
        return false
      }
    })
}

/** `wrk -v`'s version, e.g. `debian/4.1.0-3+b2` (it prints it, then its usage, and exits 1). */
export function wrkVersion(): string {
  const { stdout } = spawnSync('wrk', ['-v'], { encoding: 'utf8' })
  return /^wrk (\S+)/.exec(stdout ?? '')?.[1] ?? 'unknown'
}

/** wrk's `-d` takes whole seconds, at least 1 (`0.3s` is refused): the slice a requested one becomes. */
export function wrkSeconds(seconds: number): number {
  return Math.max(1, Math.round(seconds))
}

let scripts: string | undefined
const scriptOf = new WeakMap<LoadRequest, string>()

function scriptFile(request: LoadRequest): string {
  const known = scriptOf.get(request)
  if (known !== undefined) return known
  if (scripts === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    scripts = dir
  }
  const file = join(scripts, `request-${Date.now()}-${Math.random().toString(36).slice(2)}.lua`)
  writeFileSync(file, wrkScript(request))
  scriptOf.set(request, file)
  return file
}

// Where the next run's body counter starts: past every body an earlier run may have sent.
let nextCounter = 0

/**
 * `seconds` (whole, see `wrkSeconds`) of load from one wrk thread over `connections` keep-alive connections,
 * on core 0 when `pinned` (the servers run on core 1).
 */
export async function wrkLoad(
  port: number,
  request: LoadRequest,
  connections: number,
  seconds: number,
  pinned: boolean,
): Promise<LoadResult> {
  const args = [
    '-t1',
    `-c${connections}`,
    `-d${wrkSeconds(seconds)}s`,
    '--latency',
    '-s',
    scriptFile(request),
    `http://127.0.0.1:${port}`,
    String(nextCounter),
  ]
  const { stdout } = await (pinned ? run('taskset', ['-c', '0', 'wrk', ...args]) : run('wrk', args))
  const result = parseWrkOutput(stdout)
  // Responses counted, plus requests lost to errors, plus at most one in flight per connection at the stop.
  nextCounter += result.requests + result.failures + connections
  return result
}
