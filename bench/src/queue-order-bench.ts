/**
 * The cost of `order: 'conversation'` in queue mode: jobs/s with and without it, paired in each round (the two
 * runs alternate which goes first), against the loopback test Redis. Part of `pnpm bench` (BENCH_ONLY=order).
 */
import { createQueueReceiver, createQueueWorker } from '@blinger-webhooks/bullmq'
import { messageIncoming } from '@blinger-webhooks/core/fixtures'
import { Queue } from 'bullmq'

/** One run's figures: enqueue (receive → job stored) and processing (first job taken → last handled) rates. */
export interface QueueOrderRun {
  readonly enqueuePerSecond: number
  readonly processedPerSecond: number
}

/** Per round, the run without `order` and the run with it, on the same mix of conversations. */
export interface QueueOrderBenchResult {
  readonly conversations: number
  readonly messagesEach: number
  readonly workers: number
  readonly concurrency: number
  readonly rounds: readonly { readonly plain: QueueOrderRun; readonly ordered: QueueOrderRun }[]
}

/** Options of `runQueueOrderBench`. */
export interface QueueOrderBenchOptions {
  /** @default process.env.REDIS_URL ?? 'redis://127.0.0.1:6390' */
  redisUrl?: string
  /** @default 3 */
  rounds?: number
  /** How many conversations, each with `messagesEach` messages, interleaved. @default 200 */
  conversations?: number
  /** @default 5 */
  messagesEach?: number
}

let run = 0

/** Enqueues the mix (64 in flight), then starts two workers and times them until every job is handled. */
async function once(redisUrl: string, ordered: boolean, conversations: number, messagesEach: number) {
  run += 1
  const queueName = `bench-order-${process.pid}-${run}`
  const receiver = createQueueReceiver({
    token: 'bench',
    connection: redisUrl,
    queueName,
    removeOnComplete: true,
    dedupe: false,
    ...(ordered ? { order: 'conversation' as const } : {}),
  })
  const base = 50_000_000 + run * 100_000
  // Message m of every conversation before message m + 1 of any: conversations interleave, as a help desk's do.
  const payloads = Array.from({ length: messagesEach }, (_, m) =>
    Array.from({ length: conversations }, (_, c) => ({
      ...messageIncoming,
      conversation_id: base + c,
      message_id: base + m * conversations + c,
    })),
  ).flat()
  let next = 0
  const enqueueStart = performance.now()
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < payloads.length) await receiver.receive(payloads[next++])
    }),
  )
  const enqueueSeconds = (performance.now() - enqueueStart) / 1000

  let handled = 0
  let allHandled: () => void = () => {}
  const done = new Promise<void>((resolve) => {
    allHandled = resolve
  })
  const workers = [1, 2].map(() =>
    createQueueWorker({ connection: redisUrl, queueName, concurrency: 8, autorun: false }).on(
      'message.incoming',
      () => {
        handled += 1
        if (handled === payloads.length) allHandled()
      },
    ),
  )
  await Promise.all(workers.map((worker) => worker.worker.waitUntilReady()))
  const processStart = performance.now()
  for (const worker of workers) void worker.worker.run()
  await done
  const processSeconds = (performance.now() - processStart) / 1000
  await Promise.all(workers.map((worker) => worker.close()))
  await receiver.queue.obliterate({ force: true }).catch(() => {})
  await receiver.close()
  const cleanup = new Queue(queueName, { connection: { url: redisUrl } })
  await cleanup.obliterate({ force: true }).catch(() => {})
  await cleanup.close()
  return {
    enqueuePerSecond: Math.round(payloads.length / enqueueSeconds),
    processedPerSecond: Math.round(payloads.length / processSeconds),
  }
}

/** Runs `rounds` pairs, each a run without `order` and one with it, alternating which goes first. */
export async function runQueueOrderBench(
  options: QueueOrderBenchOptions = {},
): Promise<QueueOrderBenchResult> {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6390'
  const { rounds = 3, conversations = 200, messagesEach = 5 } = options
  const results: { plain: QueueOrderRun; ordered: QueueOrderRun }[] = []
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      const plain = await once(redisUrl, false, conversations, messagesEach)
      results.push({ plain, ordered: await once(redisUrl, true, conversations, messagesEach) })
    } else {
      const ordered = await once(redisUrl, true, conversations, messagesEach)
      results.push({ plain: await once(redisUrl, false, conversations, messagesEach), ordered })
    }
  }
  return { conversations, messagesEach, workers: 2, concurrency: 8, rounds: results }
}
