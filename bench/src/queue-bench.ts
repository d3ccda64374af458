/**
 * Queue mode (@blinger-webhooks/bullmq) against the loopback test Redis: enqueue throughput, the receiver's ack
 * latency over HTTP, and end-to-end latency from the request to the worker's handler. Part of `pnpm bench`
 * (BENCH_ONLY=queue); it needs the Redis `pnpm redis:start` starts.
 */
import { Agent, createServer, request } from 'node:http'
import { createQueueReceiver, createQueueWorker } from '@blinger-webhooks/bullmq'
import { messageIncoming } from '@blinger-webhooks/core/fixtures'
import { Queue } from 'bullmq'

/** The figures `runQueueBench` returns. Latencies in ms. */
export interface QueueBenchResult {
  readonly enqueue: { readonly jobsPerSecond: number; readonly jobs: number; readonly concurrency: number }
  readonly ack: {
    readonly requestsPerSecond: number
    readonly p50: number
    readonly p99: number
    readonly max: number
    readonly requests: number
    readonly connections: number
  }
  /** Ack latency at the steady rate of the end-to-end phase, with a worker running: what Blinger sees then. */
  readonly ackAtRate: {
    readonly p50: number
    readonly p99: number
    readonly max: number
    readonly ratePerSecond: number
  }
  readonly endToEnd: {
    readonly p50: number
    readonly p99: number
    readonly max: number
    readonly deliveries: number
    readonly ratePerSecond: number
  }
}

/** Options of `runQueueBench`. */
export interface QueueBenchOptions {
  /** @default process.env.REDIS_URL ?? 'redis://127.0.0.1:6390' */
  redisUrl?: string
  /** Length of each of the three phases, in ms. @default 3000 */
  phaseMs?: number
}

let sequence = 0
/** The 1.2 kB `message.incoming` sample with fresh ids: a new delivery each time, so nothing is deduped away. */
function nextDelivery(): { body: string; id: number } {
  sequence += 1
  const id = 10_000_000 + sequence
  return {
    id,
    body: JSON.stringify({ ...messageIncoming, message_id: id, message: { ...messageIncoming.message, id } }),
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0
const round = (value: number) => Math.round(value * 100) / 100

/** Runs the three measurements against a fresh queue and deletes it afterwards. */
export async function runQueueBench(options: QueueBenchOptions = {}): Promise<QueueBenchResult> {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6390'
  const phaseMs = options.phaseMs ?? 3000
  const queueName = `bench-${process.pid}-${Date.now()}`
  const receiver = createQueueReceiver({
    token: 'bench',
    connection: redisUrl,
    queueName,
    removeOnComplete: true,
  })
  receiver.on('error', (error) => console.error(error))
  const server = createServer((req, res) => {
    receiver
      .handle({ method: req.method, url: req.url ?? '/', headers: req.headers, stream: req })
      .then((out) => res.writeHead(out.status, out.headers).end(out.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })

  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const sent = performance.now()
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: address.port,
          method: 'POST',
          path: '/webhooks/blinger?token=bench',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - sent)
              : reject(new Error(`HTTP ${res.statusCode}`)),
          )
        },
      )
      req.on('error', reject)
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')))
      req.end(body)
    })

  try {
    // 1. Enqueue throughput: receive() (validate, dedupe in Redis, add the job) with 64 in flight, no HTTP.
    const enqueueConcurrency = 64
    let jobs = 0
    const enqueueStart = performance.now()
    const enqueueEnd = enqueueStart + phaseMs
    await Promise.all(
      Array.from({ length: enqueueConcurrency }, async () => {
        while (performance.now() < enqueueEnd) {
          await receiver.receive(JSON.parse(nextDelivery().body))
          jobs += 1
        }
      }),
    )
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000
    await receiver.queue.drain()

    // 2. Ack latency over HTTP, as Blinger sees it: 32 keep-alive connections, each sending as fast as answered.
    const connections = 32
    const latencies: number[] = []
    const ackStart = performance.now()
    const ackEnd = ackStart + phaseMs
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < ackEnd) latencies.push(await post(nextDelivery().body))
      }),
    )
    const ackSeconds = (performance.now() - ackStart) / 1000
    latencies.sort((a, b) => a - b)
    await receiver.queue.drain()

    // 3. End to end, request sent → handler called in a worker (same process), at a steady 200 deliveries/s.
    const sentAt = new Map<number, number>()
    const endToEnd: number[] = []
    const worker = createQueueWorker({ connection: redisUrl, queueName, concurrency: 16 })
    worker.on('message.incoming', (event) => {
      const sent = sentAt.get(event.payload.message_id)
      if (sent !== undefined) endToEnd.push(performance.now() - sent)
    })
    await worker.worker.waitUntilReady()
    const rate = 200
    const e2eStart = performance.now()
    const pending: Promise<number>[] = []
    for (let n = 0; performance.now() - e2eStart < phaseMs; n++) {
      const due = e2eStart + (n * 1000) / rate
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const delivery = nextDelivery()
      sentAt.set(delivery.id, performance.now())
      pending.push(post(delivery.body))
    }
    const acks = (await Promise.all(pending)).sort((a, b) => a - b)
    const settleBy = performance.now() + 3000
    while (endToEnd.length < pending.length && performance.now() < settleBy)
      await new Promise((resolve) => setTimeout(resolve, 20))
    await worker.close()
    endToEnd.sort((a, b) => a - b)

    return {
      enqueue: { jobsPerSecond: Math.round(jobs / enqueueSeconds), jobs, concurrency: enqueueConcurrency },
      ack: {
        requestsPerSecond: Math.round(latencies.length / ackSeconds),
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? 0),
        requests: latencies.length,
        connections,
      },
      ackAtRate: {
        p50: round(percentile(acks, 50)),
        p99: round(percentile(acks, 99)),
        max: round(acks.at(-1) ?? 0),
        ratePerSecond: rate,
      },
      endToEnd: {
        p50: round(percentile(endToEnd, 50)),
        p99: round(percentile(endToEnd, 99)),
        max: round(endToEnd.at(-1) ?? 0),
        deliveries: endToEnd.length,
        ratePerSecond: rate,
      },
    }
  } finally {
    agent.destroy()
    await new Promise((resolve) => server.close(resolve))
    await receiver.queue.obliterate({ force: true }).catch(() => {})
    await receiver.close()
    const cleanup = new Queue(queueName, { connection: { url: redisUrl } })
    await cleanup.obliterate({ force: true }).catch(() => {})
    await cleanup.close()
  }
}
