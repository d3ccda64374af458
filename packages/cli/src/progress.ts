/** What a replay has done so far. */
export interface ReplayCounts {
  sent: number
  ok: number
  /** Of the 2xx, those the receiver answered as duplicates: no handler ran for them. */
  duplicates: number
  clientErrors: number
  serverErrors: number
  /** Statuses outside 2xx, 4xx and 5xx (a redirect, say). */
  other: number
  networkErrors: number
  skipped: number
}

/** A zeroed `ReplayCounts`. */
export function emptyCounts(): ReplayCounts {
  return {
    sent: 0,
    ok: 0,
    duplicates: 0,
    clientErrors: 0,
    serverErrors: 0,
    other: 0,
    networkErrors: 0,
    skipped: 0,
  }
}

/**
 * The closing line: `sent 12, 2xx 9, 4xx 1, 5xx 1, network errors 1`, with `(3 duplicates)` after the 2xx and
 * `other` and `skipped` when not 0.
 */
export function formatSummary(counts: ReplayCounts): string {
  const parts = [
    `sent ${counts.sent}`,
    counts.duplicates === 0
      ? `2xx ${counts.ok}`
      : `2xx ${counts.ok} (${counts.duplicates} duplicate${counts.duplicates === 1 ? '' : 's'})`,
    `4xx ${counts.clientErrors}`,
    `5xx ${counts.serverErrors}`,
    `network errors ${counts.networkErrors}`,
  ]
  if (counts.other > 0) parts.push(`other ${counts.other}`)
  if (counts.skipped > 0) parts.push(`skipped ${counts.skipped}`)
  return parts.join(', ')
}

/**
 * One progress line for a terminal, fitted to `columns`: `[#####-----] 50/100 2xx 48 4xx 1 5xx 0 err 1`.
 * With no known total (still counting) the bar is left out.
 */
export function formatProgress(counts: ReplayCounts, total: number | undefined, columns = 80): string {
  const done = counts.sent + counts.skipped
  const tally = `${done}/${total ?? '?'} 2xx ${counts.ok} 4xx ${counts.clientErrors} 5xx ${counts.serverErrors} err ${counts.networkErrors}`
  const room = Math.min(40, columns - tally.length - 4)
  if (total === undefined || room < 10) return tally.slice(0, Math.max(0, columns - 1))
  const filled = total === 0 ? room : Math.min(room, Math.round((done / total) * room))
  return `[${'#'.repeat(filled)}${'-'.repeat(room - filled)}] ${tally}`
}

/** A single-line progress bar redrawn in place (at most every 100 ms) on a terminal. */
export interface ProgressBar {
  draw(counts: ReplayCounts): void
  /** Prints a line above the bar, e.g. a failed delivery, and redraws the bar. */
  print(line: string, counts: ReplayCounts): void
  /** Clears the bar, leaving the terminal for the summary. */
  clear(): void
}

/** Draws a `ProgressBar` on `out` with `\r` and erase-line; only meant for a TTY. */
export function createProgressBar(
  out: { write(text: string): unknown; readonly columns?: number },
  total: number | undefined,
): ProgressBar {
  const erase = '\r\u001b[2K'
  let drawnAt = 0
  const paint = (counts: ReplayCounts) => {
    drawnAt = Date.now()
    out.write(`${erase}${formatProgress(counts, total, out.columns ?? 80)}`)
  }
  return {
    draw(counts) {
      const done = counts.sent + counts.skipped
      if (Date.now() - drawnAt >= 100 || done === total) paint(counts)
    },
    print(line, counts) {
      out.write(`${erase}${line}\n`)
      paint(counts)
    },
    clear() {
      out.write(erase)
    },
  }
}
