import { Readable } from 'node:stream'
import { createReceiver } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, expect, test } from 'vitest'
import { instrument, spanNames } from '../src/index.js'
import { isChildOf, spanNamed } from './fixtures/telemetry.js'

// No context manager registered (this file runs in a process of its own): OpenTelemetry's storage cannot be
// found, and our spans nest through the package's own.
const exporter = new InMemorySpanExporter()
const instrumentation = instrument({
  tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
})
afterAll(() => instrumentation.disable())

test('process is still a child of receive', async () => {
  const receiver = createReceiver({ token: 'no-cm-token-0123456789' })
  receiver.on('message.incoming', async () => {})
  const body = Buffer.from(JSON.stringify(FixtureByEventName['message.incoming']))
  const response = await receiver.handle({
    method: 'POST',
    url: '/hook?token=no-cm-token-0123456789',
    headers: { 'content-type': 'application/json' },
    stream: Readable.from([body]),
  })
  expect(response.status).toBe(200)
  const spans = exporter.getFinishedSpans()
  const receive = spanNamed(spans, spanNames.receive)
  expect(receive.parentSpanContext).toBeUndefined()
  expect(isChildOf(spanNamed(spans, spanNames.process), receive)).toBe(true)
})
