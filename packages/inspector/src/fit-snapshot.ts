import type { DeliverySummary } from './delivery-types.js'

/**
 * The newest summaries whose JSON fits in `maxBytes`, so a page's first message stays within its connection's
 * buffer cap: paths of 16 kB and forward bodies of 4 kB make 500 summaries up to 10 MB.
 */
export function fitSnapshot(summaries: readonly DeliverySummary[], maxBytes: number): DeliverySummary[] {
  const fitting: DeliverySummary[] = []
  let bytes = 0
  for (const summary of summaries) {
    bytes += Buffer.byteLength(JSON.stringify(summary)) + 1
    if (bytes > maxBytes) break
    fitting.push(summary)
  }
  return fitting
}
