/**
 * A process's main thread as the Linux scheduler saw it (`/proc/<pid>/schedstat`): time on a core, and time
 * runnable but waiting for one. A server busy under 0.9 of a slice either slept (the load generator did not
 * keep it fed) or waited for its core (another process held it); only the second shows as waiting here.
 */
import { readFileSync } from 'node:fs'

export interface SchedTimes {
  readonly runNs: number
  readonly waitNs: number
}

/** `/proc/<pid>/schedstat`'s text: ns on a core, ns waiting on a run queue, timeslices. */
export function parseSchedstat(text: string): SchedTimes | undefined {
  const [run, wait] = text.trim().split(/\s+/).map(Number)
  if (run === undefined || wait === undefined || !Number.isFinite(run) || !Number.isFinite(wait))
    return undefined
  return { runNs: run, waitNs: wait }
}

/** The main thread's times so far, or `undefined` where there is no `/proc` (or no schedstats). */
export function schedTimesOf(pid: number | undefined): SchedTimes | undefined {
  if (pid === undefined) return undefined
  try {
    return parseSchedstat(readFileSync(`/proc/${pid}/schedstat`, 'utf8'))
  } catch {
    return undefined
  }
}

/** The share of `wallSeconds` the main thread waited for a core between two readings (0 when unknown). */
export function waitedShare(
  before: SchedTimes | undefined,
  after: SchedTimes | undefined,
  wallSeconds: number,
): number {
  if (before === undefined || after === undefined || wallSeconds <= 0) return 0
  return (after.waitNs - before.waitNs) / (wallSeconds * 1e9)
}
