/** Runs autocannon (JavaScript, one thread, in this process) against a server: the fallback without wrk. */
import autocannon from 'autocannon'
import { counterDigits, type LoadRequest } from './load-request.js'
import type { LoadResult } from './load-result.js'

let counter = 0

function requestsOf(request: LoadRequest): autocannon.Request[] {
  const { method, path, headers, counterAt } = request
  if (counterAt === undefined) return [{ method, path, headers, body: request.body }]
  // Stamped in place: autocannon copies the body into the request it builds before the next one is set up.
  const body = Buffer.from(request.body)
  return [
    {
      method,
      path,
      headers,
      setupRequest: (req) => {
        counter = (counter + 1) % 10 ** counterDigits
        body.write(String(counter).padStart(counterDigits, '0'), counterAt, counterDigits, 'latin1')
        return { ...req, body }
      },
    },
  ]
}

/** `seconds` of load over `connections` connections, from this process (on core 0 when the bench is pinned). */
export async function autocannonLoad(
  port: number,
  request: LoadRequest,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const started = process.hrtime.bigint()
  // autocannon checks its stop time once per sample: a short sample keeps a slice short.
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    requests: requestsOf(request),
    connections,
    duration: seconds,
    sampleInt: 50,
  })
  const ran = Number(process.hrtime.bigint() - started) / 1e9
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.total / ran,
    p99Ms: result.latency.p99,
    // autocannon counts a timeout in `errors` as well.
    failures: result.non2xx + result.errors,
    seconds: ran,
  }
}
