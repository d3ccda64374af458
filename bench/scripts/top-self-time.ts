/**
 * Prints the functions a V8 `.cpuprofile` (from `node --cpu-prof`) spent most time in: self time (the
 * function's own code) and total time (with what it called), as a top-N table. No flame graph needed.
 *
 *   tsx scripts/top-self-time.ts profiles/CPU.…cpuprofile [N] [window.json]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}
interface CpuProfile {
  startTime: number
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** One function's time, in microseconds and as a share of the profile. */
/**
 * The newest main-thread `.cpuprofile` written to `dir` since `since` (ms). Thread 0 is the main thread, not
 * tsx's loader worker. Throws when there is none.
 */
export function latestProfile(dir: string, since: number): string {
  const latest = readdirSync(dir)
    .filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (latest === undefined) throw new Error('no profile was written')
  return latest
}

export interface FunctionTime {
  readonly fn: string
  readonly selfUs: number
  readonly selfShare: number
  readonly totalUs: number
  readonly totalShare: number
}

function labelOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const name = functionName === '' ? '(anonymous)' : functionName
  if (url === '') return name
  const file = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url
  return `${name} ${file.replace(/^(\.\.\/)+/, '')}:${lineNumber + 1}`
}

/** A span of the profile, in the profiler's microsecond clock (`process.hrtime` / 1000). */
export interface Window {
  readonly from: number
  readonly to: number
}

/**
 * Self and total time per function (same name, file and line merged), highest self time first. With a
 * window, only samples inside it count, so start-up and warm-up do not show.
 */
export function summarize(profile: CpuProfile, window?: Window): FunctionTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let all = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    at += dt
    if (window !== undefined && (at < window.from || at > window.to)) return
    all += dt
    const leaf = byId.get(id)
    if (leaf === undefined) return
    self.set(labelOf(leaf), (self.get(labelOf(leaf)) ?? 0) + dt)
    // Each function on the stack once, however deep it recursed.
    const seen = new Set<string>()
    for (let up: number | undefined = id; up !== undefined; up = parentOf.get(up)) {
      const node = byId.get(up)
      if (node === undefined) break
      const label = labelOf(node)
      if (seen.has(label)) continue
      seen.add(label)
      total.set(label, (total.get(label) ?? 0) + dt)
    }
  })
  return [...self.keys()]
    .map((fn) => {
      const selfUs = self.get(fn) ?? 0
      const totalUs = total.get(fn) ?? 0
      return { fn, selfUs, selfShare: selfUs / all, totalUs, totalShare: totalUs / all }
    })
    .sort((a, b) => b.selfUs - a.selfUs)
}

/** The top `n` rows as a Markdown table. */
export function formatTop(rows: readonly FunctionTime[], n: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const lines = ['| self | total | function |', '|---:|---:|---|']
  for (const row of rows.slice(0, n))
    lines.push(`| ${pct(row.selfShare)} | ${pct(row.totalShare)} | ${row.fn} |`)
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, n, windowFile] = process.argv.slice(2)
  if (file === undefined) {
    console.error('usage: tsx scripts/top-self-time.ts <file.cpuprofile> [N] [window.json]')
    process.exit(1)
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const window =
    windowFile === undefined ? undefined : (JSON.parse(readFileSync(windowFile, 'utf8')) as Window)
  console.log(formatTop(summarize(profile, window), Number(n ?? 25)))
}
