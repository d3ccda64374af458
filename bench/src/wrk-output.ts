/** Reads what `wrk --latency` prints into a `LoadResult`; pure, so it is tested against captured output. */
import type { LoadResult } from './load-result.js'

// wrk prints times with the unit that keeps the figure readable (units.c: us, ms, s, then m, h).
const millisPer: Readonly<Record<string, number>> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 }

/** A wrk time such as `812.00us`, `3.56ms` or `1.21s`, in ms. */
export function wrkTimeMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim())
  const factor = match === null ? undefined : millisPer[match[2] as string]
  if (match === null || factor === undefined) throw new Error(`not a wrk time: ${text}`)
  return Number(match[1]) * factor
}

function required(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const match = pattern.exec(text)
  if (match === null) throw new Error(`wrk printed no ${what} (run with --latency?):\n${text}`)
  return match
}

/**
 * The run's totals: responses, req/s (wrk's: responses ÷ its run time), p99 from the latency distribution, and
 * failures: `Non-2xx or 3xx responses` (wrk counts status ≥ 400) plus every socket error. wrk prints those two
 * lines only when they are not zero.
 */
export function parseWrkOutput(text: string): LoadResult {
  const total = required(text, /^\s*(\d+) requests in ([\d.]+\w+),/m, 'request total')
  const p99 = required(text, /^\s*99(?:\.0+)?%\s+([\d.]+\w+)\s*$/m, '99th percentile')
  const rate = required(text, /^Requests\/sec:\s*([\d.]+)\s*$/m, 'Requests/sec')
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text)
  const status = /Non-2xx or 3xx responses: (\d+)/.exec(text)
  const socketErrors = socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0)
  return {
    requests: Number(total[1]),
    reqPerSec: Number(rate[1]),
    p99Ms: wrkTimeMs(p99[1] as string),
    failures: socketErrors + (status === null ? 0 : Number(status[1])),
    seconds: wrkTimeMs(total[2] as string) / 1e3,
  }
}
