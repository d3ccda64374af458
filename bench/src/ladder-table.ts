/** The ladder's Markdown: the table `docs/performance.md` ("The floor, measured") carries verbatim. */
import type { Spread } from './http-bench.js'
import type { FunctionGrowth, RungSummary, Step } from './ladder-math.js'
import type { Rung } from './ladder-rungs.js'
import { int } from './table.js'

/**
 * A Markdown table laid out the way `biome format` lays out the docs' tables (padded cells, `| --- | --: |`
 * rules), so the printed table pastes into `docs/performance.md` unchanged. `right[i]` right-aligns column i.
 */
export function docsTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const widths = headers.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const cell = (text: string, i: number) =>
    right[i] === true ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  const rule = `| ${widths.map((w, i) => (right[i] === true ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

/** A rung with what was measured on it. */
export interface MeasuredRung {
  readonly rung: Rung
  readonly summary: RungSummary
  /** Against the rung below; `undefined` for the bottom rung. */
  readonly step: Step | undefined
}

const micros = (s: Spread) => `${s.median.toFixed(1)} (${s.low.toFixed(1)}–${s.high.toFixed(1)})`
/** A step in µs, signed: `+1.5`, `-0.3`. */
export const sign = (x: number) => (x >= 0 ? `+${x.toFixed(1)}` : x.toFixed(1))
const signed = (s: Spread) => `**${sign(s.median)}** (${sign(s.low)}…${sign(s.high)})`

/**
 * One server's rungs as the docs table: µs of server CPU per request, each step paired with the rung below, and
 * each rung's req/s over the bottom rung's, the ratio issue 26's goals are set in.
 */
export function ladderTable(rows: readonly MeasuredRung[]): string {
  const bare = rows[0]?.summary.reqPerSec ?? Number.NaN
  return docsTable(
    [
      'rung',
      'what it adds',
      'server CPU µs/req',
      'step µs/req (paired)',
      'req/s',
      'req/s ÷ bare',
      'p99 ms',
      'GC µs/req',
      'busy',
      'removed by',
    ],
    rows.map(({ rung, summary, step }, at) => [
      rung.id.slice(rung.server.length + 1),
      rung.change.replace(/\|/g, '\\|'),
      micros(summary.cpuMicros),
      step === undefined ? '' : signed(step.cpuMicros),
      int(summary.reqPerSec),
      at === 0 ? '' : (summary.reqPerSec / bare).toFixed(2),
      summary.p99Ms.toFixed(0),
      summary.gcMicros.toFixed(1),
      summary.busy.toFixed(2),
      rung.removedBy ?? '',
    ]),
    [false, false, true, true, true, true, true, true, true, false],
  )
}

/** A profile diff as Markdown: the functions whose self time per request grew most. */
export function growthTable(rows: readonly FunctionGrowth[]): string {
  return docsTable(
    ['function (self time)', 'grew µs/req', 'below', 'rung'],
    rows.map((r) => [
      r.fn,
      `${r.grewMicros >= 0 ? '+' : ''}${r.grewMicros.toFixed(2)}`,
      r.belowMicros.toFixed(2),
      r.aboveMicros.toFixed(2),
    ]),
    [false, true, true, true],
  )
}

/** One calibration rung against its bare route, paired round by round. */
export interface CalibrationRow {
  readonly rung: Rung
  /** This rung's CPU µs/request minus the bare route's, in the same round. */
  readonly overBare: Spread
  /** This rung's req/s ÷ the bare route's. */
  readonly capacity: number
}

/** The calibration ladder's summary: what known work costs per request once measured over HTTP. */
export function calibrationTable(rows: readonly CalibrationRow[]): string {
  return docsTable(
    ['work µs/req', 'measured over bare µs/req (paired)', 'measured ÷ work', 'req/s ÷ bare'],
    rows.map(({ rung, overBare, capacity }) => [
      String(rung.spinMicros),
      signed(overBare),
      (overBare.median / rung.spinMicros).toFixed(1),
      capacity.toFixed(2),
    ]),
    [true, true, true, true],
  )
}
