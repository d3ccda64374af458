/**
 * A busy loop of `micros` µs of CPU, for the ladder's calibration rungs; `undefined` for none, so a bare route
 * stays exactly `pnpm bench`'s. `performance.now()` returns a double the optimised loop keeps unboxed: the loop
 * allocates nothing, so it adds CPU and no GC.
 */
export function spinFor(micros: number): (() => void) | undefined {
  if (micros <= 0) return undefined
  const ms = micros / 1000
  return () => {
    const until = performance.now() + ms
    while (performance.now() < until) {}
  }
}
