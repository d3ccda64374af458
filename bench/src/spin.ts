/**
 * A busy loop of `micros` µs of CPU, for the ladder's calibration rungs; `undefined` for none, so a bare route
 * stays exactly `pnpm bench`'s. The loop runs a fixed count of integer steps, measured once per process, and
 * reads no clock: `performance.now()` calls `process.hrtime()`, which allocates an array per read, and a loop
 * that allocates would add GC to what should be CPU alone.
 */
export function spinFor(micros: number): (() => void) | undefined {
  if (micros <= 0) return undefined
  const steps = Math.max(1, Math.round(micros * stepsPerMicro()))
  return () => burn(steps)
}

let sink = 0
let perMicro: number | undefined

function burn(steps: number): void {
  let x = sink
  for (let i = 0; i < steps; i++) x = (Math.imul(x, 1103515245) + 12345) | 0
  // Kept, so the optimiser cannot drop the loop.
  sink = x
}

/**
 * Steps of `burn` per µs on this machine, timed as the rungs call it (many short loops, not one long one, which
 * V8 optimises differently): the fastest of several runs, after the loop is optimised.
 */
export function stepsPerMicro(): number {
  if (perMicro !== undefined) return perMicro
  const steps = 1000
  const calls = 2000
  const run = () => {
    const start = performance.now()
    for (let k = 0; k < calls; k++) burn(steps)
    return performance.now() - start
  }
  for (let k = 0; k < 5; k++) run()
  let fastest = Number.POSITIVE_INFINITY
  for (let k = 0; k < 9; k++) fastest = Math.min(fastest, run())
  perMicro = (steps * calls) / (fastest * 1000)
  return perMicro
}
