/** A Markdown table, right-aligning every column but the first, ready to paste into a README. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

/** 12345.6 → "12,346". */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US')
/** 0.1234 → "12.3%". */
export const pct = (n: number): string => `${(n * 100).toFixed(1)}%`
/** A ratio with two decimals: 0.953 → "0.95". */
export const ratio = (n: number): string => n.toFixed(2)
/** Nanoseconds, as µs past 10 µs and as ms past 10 ms. */
export function duration(ns: number): string {
  if (ns >= 1e7) return `${(ns / 1e6).toFixed(2)} ms`
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`
  return `${Math.round(ns)} ns`
}

/** A median with its quartiles: "0.85 (0.83–0.87)". */
export function spread(s: { median: number; low: number; high: number }, digits = 2): string {
  return `${s.median.toFixed(digits)} (${s.low.toFixed(digits)}–${s.high.toFixed(digits)})`
}
