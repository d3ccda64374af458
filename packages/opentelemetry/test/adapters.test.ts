import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { metricNames, spanNames } from '../src/index.js'
import { adapters, post, type RunningApp, token } from './fixtures/adapters.js'
import { isChildOf, setUpTelemetry, spanNamed } from './fixtures/telemetry.js'

const telemetry = setUpTelemetry()
const body = JSON.stringify(FixtureByEventName['message.incoming'])
let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe.each(Object.keys(adapters))('%s', (adapter) => {
  const start = (ack?: 'immediately') =>
    adapters[adapter]?.(ack === undefined ? { token } : { token, ack }).then((running) => {
      app = running
      return running
    }) as Promise<RunningApp>

  test('a delivery: HTTP server span → receive (SERVER) → process → the spans handlers start', async () => {
    const { url, hooks } = await start()
    hooks.on('message.incoming', async () => {
      await telemetry.tracer.startActiveSpan('save message', async (span) => span.end())
    })
    expect(await post(url, body)).toBe(200)
    await vi.waitFor(() =>
      expect(telemetry.spans().filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(2),
    )
    const spans = telemetry.spans()
    const receive = spanNamed(spans, spanNames.receive)
    const http = spans.find((span) => span.kind === SpanKind.SERVER && span !== receive)
    const process = spanNamed(spans, spanNames.process)
    // The server span is the HTTP instrumentation's, for this very request, whatever the framework.
    expect(http?.instrumentationScope.name).toBe('@opentelemetry/instrumentation-http')
    expect(http?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/webhooks/blinger',
      'http.response.status_code': 200,
    })
    expect(isChildOf(receive, http as NonNullable<typeof http>)).toBe(true)
    expect(isChildOf(process, receive)).toBe(true)
    expect(isChildOf(spanNamed(spans, 'save message'), process)).toBe(true)
    expect(receive.kind).toBe(SpanKind.SERVER)
    expect(process.kind).toBe(SpanKind.INTERNAL)
    expect(receive.attributes).toMatchObject({
      'messaging.system': 'blinger',
      'messaging.operation.type': 'receive',
      'messaging.destination.name': 'message.incoming',
      'messaging.message.body.size': Buffer.byteLength(body),
      'blinger.webhook': 'on_message_incoming',
      'blinger.outcome': 'handled',
      'http.response.status_code': 200,
    })
    expect(receive.attributes['messaging.message.id']).toMatch(/^[0-9a-f]{64}$/)
    expect(process.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'blinger.outcome': 'handled',
    })
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(token)

    expect(await telemetry.points(metricNames.deliveries)).toEqual([
      expect.objectContaining({
        attributes: { 'messaging.destination.name': 'message.incoming', 'blinger.outcome': 'handled' },
        value: 1,
      }),
    ])
    const [duration] = await telemetry.points(metricNames.handlerDuration)
    expect(duration?.value).toMatchObject({ count: 1 })
    const [size] = await telemetry.points(metricNames.payloadSize)
    expect(size?.value).toMatchObject({ count: 1, sum: Buffer.byteLength(body) })
  })

  test('a failing handler: the error on the process span, receive failed with its 500', async () => {
    const { url, hooks } = await start()
    hooks.on('error', () => {})
    hooks.on('message.incoming', () => {
      throw new TypeError('the database is down')
    })
    expect(await post(url, body)).toBe(500)
    await vi.waitFor(() =>
      expect(telemetry.spans().filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(2),
    )
    const process = spanNamed(telemetry.spans(), spanNames.process)
    const receive = spanNamed(telemetry.spans(), spanNames.receive)
    expect(process.status).toEqual({ code: SpanStatusCode.ERROR, message: 'the database is down' })
    expect(process.events[0]?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'the database is down',
    })
    expect(receive.status.code).toBe(SpanStatusCode.ERROR)
    expect(receive.attributes).toMatchObject({
      'blinger.outcome': 'failed',
      'http.response.status_code': 500,
    })
    expect(await telemetry.points(metricNames.deliveries)).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ 'blinger.outcome': 'failed' }) }),
    ])
  })
})
