import { Readable } from 'node:stream'
import { createReceiver } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { spanNames } from '../../src/index.js'
import { setUpTelemetry, spanNamed } from '../fixtures/telemetry.js'

// Issue 23: `blinger.webhook` was the sender's raw string: a million characters was copied into every span.
// Attributes from the sender are bounded: one of the eight webhook names, or `unknown`.

const telemetry = setUpTelemetry({ http: false })
const token = 'bounded-token-0123456789'
const request = (body: unknown): HandleRequest => ({
  method: 'POST',
  url: `/hook?token=${token}`,
  headers: { 'content-type': 'application/json' },
  stream: Readable.from([Buffer.from(JSON.stringify(body))]),
})

test('a webhook name outside the eight (a million characters) is `unknown` on the receive and process spans', async () => {
  const receiver = createReceiver({ token, limit: 4 * 1024 * 1024 })
  const handled = vi.fn()
  receiver.on('unknown', handled)
  const huge = `on_${'x'.repeat(1_000_000)}`
  expect((await receiver.handle(request({ webhook: huge, n: 1 }))).status).toBe(200)
  expect(handled).toHaveBeenCalledTimes(1)
  await vi.waitFor(() => expect(telemetry.spans()).toHaveLength(2))
  const spans = telemetry.spans()
  expect(spanNamed(spans, spanNames.receive).attributes['blinger.webhook']).toBe('unknown')
  expect(spanNamed(spans, spanNames.process).attributes['blinger.webhook']).toBe('unknown')
  const sizes = spans.map((span) => JSON.stringify(span.attributes).length)
  expect(Math.max(...sizes)).toBeLessThan(2_000)
})

test('a name close to a real one, or one with other casing, is `unknown` too; the eight keep their name', async () => {
  const receiver = createReceiver({ token })
  receiver.on('*', () => {})
  for (const webhook of ['on_message_incoming ', 'ON_MESSAGE_INCOMING', '__proto__', 'toString'])
    expect((await receiver.handle(request({ webhook }))).status).toBe(200)
  await receiver.handle(request(FixtureByEventName['comment.outgoing']))
  await vi.waitFor(() => expect(telemetry.spans()).toHaveLength(10))
  const names = telemetry
    .spans()
    .filter((span) => span.name === spanNames.receive)
    .map((span) => span.attributes['blinger.webhook'])
  expect(names).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'on_comment_outgoing'])
})
