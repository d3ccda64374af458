/** The ladder's Markdown: the table `docs/performance.md` ("The floor, measured") carries verbatim. */
import type { Spread } from './http-bench.js'
import type { FunctionGrowth, RungSummary, Step } from './ladder-math.js'
import type { Rung } from './ladder-rungs.js'
import { int, markdownTable } from './table.js'

/** A rung with what was measured on it. */
export interface MeasuredRung {
  readonly rung: Rung
  readonly summary: RungSummary
  /** Against the rung below; `undefined` for the bottom rung. */
  readonly step: Step | undefined
}

const micros = (s: Spread) => `${s.median.toFixed(1)} (${s.low.toFixed(1)}–${s.high.toFixed(1)})`
const signed = (s: Spread) => {
  const sign = (x: number) => (x >= 0 ? `+${x.toFixed(1)}` : x.toFixed(1))
  return `**${sign(s.median)}** (${sign(s.low)}…${sign(s.high)})`
}

/** One server's rungs as the docs table: µs of server CPU per request, each step paired with the rung below. */
export function ladderTable(rows: readonly MeasuredRung[]): string {
  return markdownTable(
    [
      'rung',
      'what it adds',
      'server CPU µs/req',
      'step µs/req (paired)',
      'req/s',
      'p99 ms',
      'GC µs/req',
      'busy',
      'removed by',
    ],
    rows.map(({ rung, summary, step }) => [
      `R${rung.index}`,
      rung.change.replace(/\|/g, '\\|'),
      micros(summary.cpuMicros),
      step === undefined ? '' : signed(step.cpuMicros),
      int(summary.reqPerSec),
      summary.p99Ms.toFixed(0),
      summary.gcMicros.toFixed(1),
      summary.busy.toFixed(2),
      rung.removedBy ?? '',
    ]),
  )
}

/** A profile diff as Markdown: the functions whose self time per request grew most. */
export function growthTable(rows: readonly FunctionGrowth[]): string {
  return markdownTable(
    ['function (self time)', 'grew µs/req', 'below', 'rung'],
    rows.map((r) => [
      r.fn,
      `${r.grewMicros >= 0 ? '+' : ''}${r.grewMicros.toFixed(2)}`,
      r.belowMicros.toFixed(2),
      r.aboveMicros.toFixed(2),
    ]),
  )
}
