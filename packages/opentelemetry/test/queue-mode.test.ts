import { once } from 'node:events'
import { createServer } from 'node:http'
import { createQueueReceiver, createQueueWorker } from '@blinger-webhooks/bullmq'
import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { blingerWebhooks } from '@blinger-webhooks/node'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { Queue } from 'bullmq'
import { afterAll, expect, test, vi } from 'vitest'
import { metricNames, spanNames } from '../src/index.js'
import { post, token } from './fixtures/adapters.js'
import { isChildOf, setUpTelemetry } from './fixtures/telemetry.js'

const telemetry = setUpTelemetry()
const closed = FixtureByEventName['conversation.closed']

describeWithRedis('queue mode', (redis) => {
  const queueName = redis.unique('otel-queue')
  const receiver = createQueueReceiver({
    token,
    connection: redis.url,
    queueName,
    dedupe: false,
    backoff: { type: 'fixed', delay: 10 },
  })
  const worker = createQueueWorker({ connection: redis.url, queueName })
  const server = createServer(blingerWebhooks({ receiver, path: '/webhooks/blinger' }))
  afterAll(async () => {
    server.close()
    await Promise.allSettled([worker.close(), receiver.close()])
    const queue = new Queue(queueName, { connection: { url: redis.url } })
    await queue.obliterate({ force: true }).catch(() => {})
    await queue.close()
  })

  test("the worker's process span links to the receiver's span, through the job", async () => {
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    let attempts = 0
    worker.on('error', () => {})
    worker.on('conversation.closed', async () => {
      attempts++
      await telemetry.tracer.startActiveSpan('save transcript', async (span) => span.end())
      if (attempts === 1) throw new Error('first attempt fails')
    })

    const url = `http://127.0.0.1:${address.port}/webhooks/blinger?token=${token}`
    expect(await post(url, JSON.stringify(closed))).toBe(200)
    await vi.waitFor(
      () => expect(telemetry.spans().filter((span) => span.name === 'save transcript')).toHaveLength(2),
      { timeout: 10_000 },
    )
    const spans = telemetry.spans()
    const receive = spans.find((span) => span.name === spanNames.receive)
    const enqueue = spans.find((span) => span.name === spanNames.process && span.kind === SpanKind.INTERNAL)
    const runs = spans.filter((span) => span.name === spanNames.process && span.kind === SpanKind.CONSUMER)
    expect(receive?.attributes).toMatchObject({
      'blinger.outcome': 'handled',
      'http.response.status_code': 200,
    })
    expect(enqueue && receive && isChildOf(enqueue, receive)).toBe(true)
    expect(runs).toHaveLength(2)
    for (const [index, run] of runs.entries()) {
      // A new trace per attempt, linked to the receiver's enqueue: the delivery's own trace ended at its 200.
      expect(run.links.map((link) => link.context.spanId)).toEqual([enqueue?.spanContext().spanId])
      expect(run.links[0]?.context.traceId).toBe(receive?.spanContext().traceId)
      expect(run.spanContext().traceId).not.toBe(receive?.spanContext().traceId)
      expect(run.attributes).toMatchObject({
        'messaging.destination.name': 'conversation.closed',
        'messaging.message.id': receive?.attributes['messaging.message.id'],
        'blinger.attempt': index + 1,
        'blinger.outcome': index === 0 ? 'failed' : 'handled',
      })
      const saved = spans.filter((span) => span.name === 'save transcript')[index]
      expect(saved && isChildOf(saved, run)).toBe(true)
    }
    expect(runs[0]?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'first attempt fails' })

    // The HTTP receiver counts the delivery once; the worker's attempts are handler durations.
    expect(await telemetry.points(metricNames.deliveries)).toEqual([
      expect.objectContaining({
        attributes: { 'messaging.destination.name': 'conversation.closed', 'blinger.outcome': 'handled' },
        value: 1,
      }),
    ])
    const durations = await telemetry.points(metricNames.handlerDuration)
    const count = (outcome: string) =>
      durations
        .filter((point) => point.attributes['blinger.outcome'] === outcome)
        .reduce((sum, point) => sum + (point.value as { count: number }).count, 0)
    expect([count('handled'), count('failed')]).toEqual([2, 1]) // the enqueue, the retry; the first attempt
  })
})
