/**
 * Against output of `wrk -t1 -c<N> -d<T>s --latency` (Debian's wrk 4.1.0) captured from small node:http servers
 * that answer 200 (`latency-ms`, and with one connection `latency-us`), every third request 401 (`non2xx`),
 * destroy every 50th socket (`socket-errors`), both, or answer after 1.2 s (`latency-seconds`; `timeouts` with
 * `--timeout 1s`).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseWrkOutput, wrkTimeMs } from '../src/wrk-output.js'

const captured = (name: string) =>
  readFileSync(new URL(`./fixtures/wrk/${name}.txt`, import.meta.url), 'utf8')

describe('parseWrkOutput', () => {
  test('a clean run: responses, req/s, p99 in ms, run time, no failures', () => {
    expect(parseWrkOutput(captured('latency-ms'))).toEqual({
      requests: 10083,
      reqPerSec: 10023.49,
      p99Ms: 87.57,
      failures: 0,
      seconds: 1.01,
    })
  })

  test('a p99 printed in µs, ms or s is read in ms', () => {
    expect(parseWrkOutput(captured('latency-us')).p99Ms).toBe(4.57)
    expect(parseWrkOutput(captured('latency-seconds'))).toMatchObject({
      requests: 10,
      reqPerSec: 3.31,
      p99Ms: 1210,
      seconds: 3.02,
    })
  })

  test('"Non-2xx or 3xx responses" are failures', () => {
    expect(parseWrkOutput(captured('non2xx'))).toMatchObject({ requests: 13168, failures: 4389 })
  })

  test('every socket error is a failure: read errors, timeouts', () => {
    expect(parseWrkOutput(captured('socket-errors'))).toMatchObject({ requests: 19275, failures: 393 })
    expect(parseWrkOutput(captured('timeouts'))).toMatchObject({ requests: 5, failures: 5, p99Ms: 0 })
  })

  test('socket errors and non-2xx answers add up', () => {
    expect(parseWrkOutput(captured('non2xx-and-socket-errors'))).toMatchObject({
      requests: 5336,
      reqPerSec: 5288.5,
      p99Ms: 82.85,
      failures: 72 + 1802,
    })
  })

  test('output without the latency distribution (no --latency) or no output at all is an error', () => {
    const withoutDistribution = captured('latency-ms').replace(
      / {2}Latency Distribution\n(?: {5}.*\n){4}/,
      '',
    )
    expect(withoutDistribution).not.toContain('99%')
    expect(() => parseWrkOutput(withoutDistribution)).toThrow(/99th percentile/)
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:7199 Connection refused\n')).toThrow(
      /request total/,
    )
  })
})

describe('wrkTimeMs', () => {
  test("every unit wrk prints times in (units.c's us, ms, s, m, h)", () => {
    expect(wrkTimeMs('812.00us')).toBeCloseTo(0.812)
    expect(wrkTimeMs('3.56ms')).toBe(3.56)
    expect(wrkTimeMs('1.21s ')).toBe(1210)
    expect(wrkTimeMs('1.50m')).toBe(90_000)
    expect(wrkTimeMs('1.00h')).toBe(3_600_000)
    expect(() => wrkTimeMs('-nan%')).toThrow(/not a wrk time/)
  })
})
