/** Options of `createRateLimitedWarner`. */
export interface RateLimitedWarnerOptions {
  /** Lines written per key and window; the rest are counted. @default 3 */
  perWindow?: number
  /** The window, in milliseconds. @default 60_000 */
  windowMs?: number
  /** Where lines go. @default console.warn */
  warn?: (line: string) => void
  /** The line that ends a window in which `count` lines of `key` were left out. */
  summary: (key: string, count: number, windowMs: number) => string
}

/**
 * A `console.warn` that writes at most `perWindow` lines per key (a dead letter's reason) per window, counts
 * the rest, and writes one summary line with that count when the window ends. No timer runs unless lines are
 * being left out.
 */
export function createRateLimitedWarner(
  options: RateLimitedWarnerOptions,
): (key: string, line: string) => void {
  const perWindow = options.perWindow ?? 3
  const windowMs = options.windowMs ?? 60_000
  const warn = options.warn ?? ((line: string) => console.warn(line))
  const windows = new Map<string, { start: number; written: number; left: number }>()

  const close = (key: string) => {
    const window = windows.get(key)
    windows.delete(key)
    if (window !== undefined && window.left > 0) warn(options.summary(key, window.left, windowMs))
  }

  return (key, line) => {
    const now = Date.now()
    let window = windows.get(key)
    if (window !== undefined && now - window.start >= windowMs) {
      close(key)
      window = undefined
    }
    if (window === undefined) {
      window = { start: now, written: 0, left: 0 }
      windows.set(key, window)
    }
    if (window.written < perWindow) {
      window.written++
      warn(line)
      return
    }
    // The first line left out schedules the summary, so it is written even if nothing else comes.
    if (window.left++ === 0) {
      const scheduled = window
      const timer = setTimeout(
        () => windows.get(key) === scheduled && close(key),
        scheduled.start + windowMs - now,
      )
      timer.unref?.()
    }
  }
}
