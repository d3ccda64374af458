import { crc32 } from 'node:zlib'

/**
 * `micros` µs of known work per request, for the ladder's calibration rungs; `undefined` for none, so a bare
 * route stays exactly `pnpm bench`'s. The work is `zlib.crc32` over a buffer made once, sized by a timing taken once
 * per process: native code, so how V8 compiles the route around it cannot change its cost (a JavaScript loop
 * inlined into Fastify's request handler ran five times slower than the same loop in node:http's), and it
 * returns a number, so it allocates nothing per request (reading the clock to stop would: `performance.now()`
 * calls `process.hrtime()`, which makes an array per read).
 */
export function spinFor(micros: number): (() => void) | undefined {
  if (micros <= 0) return undefined
  const bytes = Math.max(1, Math.round(micros * bytesPerMicro()))
  const data = Buffer.alloc(bytes, 0x5a)
  return () => {
    sink = crc32(data, sink)
  }
}

let sink = 0
let perMicro: number | undefined

/** Bytes `crc32` checks per µs on this machine: the fastest of several timed runs over 64 KB. */
export function bytesPerMicro(): number {
  if (perMicro !== undefined) return perMicro
  const data = Buffer.alloc(65_536, 0x5a)
  const calls = 200
  const run = () => {
    const start = performance.now()
    for (let k = 0; k < calls; k++) sink = crc32(data, sink)
    return performance.now() - start
  }
  run()
  let fastest = Number.POSITIVE_INFINITY
  for (let k = 0; k < 9; k++) fastest = Math.min(fastest, run())
  perMicro = (data.length * calls) / (fastest * 1000)
  return perMicro
}
