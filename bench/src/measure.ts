/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A server's CPU time over a slice ÷ its wall time (1 = its core never waited for the load generator). */
export function busyShare(cpuMicros: number, wallSeconds: number): number {
  return wallSeconds > 0 ? cpuMicros / (wallSeconds * 1e6) : 0
}

/** What one timed run gave. */
export interface Rate {
  /** Operations per wall-clock second. */
  readonly ops: number
  /** Wall-clock nanoseconds per operation. */
  readonly ns: number
  /**
   * CPU nanoseconds per operation (the process's user + system time, GC threads included). Unlike wall time,
   * it does not grow when other processes take the core, so it is the steadier figure on a busy machine.
   */
  readonly cpuNs: number
}

const batch = 64

/**
 * Calls `step(i)` back to back for `ms` milliseconds (after `warmupMs` unmeasured) and returns operations
 * per second and nanoseconds per operation. A step may return a promise: it is awaited before the next one,
 * which is what a server pays per request.
 */
export async function rateOf(step: (i: number) => unknown, ms: number, warmupMs: number): Promise<Rate> {
  let i = 0
  const runFor = async (duration: number) => {
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    const end = start + BigInt(Math.round(duration * 1e6))
    let done = 0
    let now = start
    while (now < end) {
      for (let k = 0; k < batch; k++) {
        const out = step(i++)
        if (out instanceof Promise) await out
      }
      done += batch
      now = process.hrtime.bigint()
    }
    const used = process.cpuUsage(cpu)
    return { done, elapsed: Number(now - start), cpuNs: (used.user + used.system) * 1000 }
  }
  await runFor(warmupMs)
  const { done, elapsed, cpuNs } = await runFor(ms)
  return { ops: (done / elapsed) * 1e9, ns: elapsed / done, cpuNs: cpuNs / done }
}

/** Yields the cases in the order of round `round`: forward on even rounds, backward on odd ones. */
export function orderOf<T>(cases: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...cases] : [...cases].reverse()
}

/** The `q` quantile (0–1) of a non-empty list, interpolated between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  const lowValue = sorted[low] as number
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)] as number
  return lowValue + (highValue - lowValue) * (at - low)
}
