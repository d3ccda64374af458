import { createRequire } from 'node:module'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { SpanKind } from '@opentelemetry/api'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { NodeSDK } from '@opentelemetry/sdk-node'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, expect, test, vi } from 'vitest'
import { BlingerWebhooksInstrumentation, metricNames, spanNames } from '../src/index.js'
import { adapters, post, token } from './fixtures/adapters.js'
import { isChildOf, spanNamed, TestMetricReader } from './fixtures/telemetry.js'

// The README's setup: NodeSDK registers the instrumentations before its context manager, so ours finds
// OpenTelemetry's AsyncLocalStorage only once the first delivery arrives.
const exporter = new InMemorySpanExporter()
const reader = new TestMetricReader()
const sdk = new NodeSDK({
  serviceName: 'blinger-receiver',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  metricReaders: [reader],
  instrumentations: [
    new HttpInstrumentation({ redactedQueryParamsServer: ['token'] }),
    new BlingerWebhooksInstrumentation(),
  ],
})
sdk.start()
createRequire(import.meta.url)('node:http')
afterAll(() => sdk.shutdown())

test('NodeSDK with our instrumentation: the global providers, the HTTP span as parent, spans inside handlers', async () => {
  const app = await adapters.express?.({ token })
  if (app === undefined) throw new Error('no express adapter')
  const { trace } = await import('@opentelemetry/api')
  app.hooks.on('message.incoming', async () => {
    await trace.getTracer('app').startActiveSpan('save message', async (span) => span.end())
  })
  try {
    expect(await post(app.url, JSON.stringify(FixtureByEventName['message.incoming']))).toBe(200)
    await vi.waitFor(() =>
      expect(exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(2),
    )
  } finally {
    await app.close()
  }
  const spans = exporter.getFinishedSpans()
  const receive = spanNamed(spans, spanNames.receive)
  const http = spans.find((span) => span.kind === SpanKind.SERVER && span !== receive)
  expect(http && isChildOf(receive, http)).toBe(true)
  expect(isChildOf(spanNamed(spans, 'save message'), spanNamed(spans, spanNames.process))).toBe(true)
  expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(token)
  const { resourceMetrics } = await reader.collect()
  const names = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.map((m) => m.descriptor.name))
  // An alarm is counted only once one is raised (outcomes.test.ts).
  const recorded = Object.values(metricNames).filter((name) => name !== metricNames.alarms)
  expect(names).toEqual(expect.arrayContaining(recorded))
})
