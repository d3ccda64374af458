import { tracingChannel } from 'node:diagnostics_channel'
import { Readable } from 'node:stream'
import { channelNames, createMemoryStore, createReceiver } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { BlingerWebhooksInstrumentation, metricNames, spanNames } from '../src/index.js'
import { setUpTelemetry, spanNamed } from './fixtures/telemetry.js'

const telemetry = setUpTelemetry({ http: false })
const token = 'outcomes-token-0123456789'
const message = FixtureByEventName['message.incoming']
const request = (body: unknown, url = `/hook?token=${token}`): HandleRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json' },
  stream: Readable.from([Buffer.from(JSON.stringify(body))]),
})
const counted = async () =>
  (await telemetry.points(metricNames.deliveries)).map((point) => ({
    ...point.attributes,
    value: point.value,
  }))

test("answered before the handlers finished: receive says accepted, the count waits for the handlers' outcome", async () => {
  const receiver = createReceiver({ token, ack: 'immediately' })
  receiver.on('error', () => {})
  let finish = () => {}
  receiver.on(
    'message.incoming',
    () => new Promise<void>((_, reject) => (finish = () => reject(new Error('late')))),
  )
  expect((await receiver.handle(request(message))).status).toBe(200)
  expect(spanNamed(telemetry.spans(), spanNames.receive).attributes['blinger.outcome']).toBe('accepted')
  expect(await counted()).toEqual([])
  finish()
  await vi.waitFor(() => expect(telemetry.spans()).toHaveLength(2))
  expect(await counted()).toEqual([
    { 'messaging.destination.name': 'message.incoming', 'blinger.outcome': 'failed', value: 1 },
  ])
})

test('duplicate, invalid, unhandled and refused are counted by event and outcome', async () => {
  const receiver = createReceiver({ token, dedupe: { store: createMemoryStore() } })
  receiver.on('message', () => {})
  await receiver.handle(request(message))
  await receiver.handle(request(message))
  await receiver.handle(request({ webhook: 'on_message_incoming' }))
  await receiver.handle(request(FixtureByEventName['user.new']))
  await receiver.handle(request(message, '/hook?token=wrong'))
  expect(await counted()).toEqual(
    expect.arrayContaining([
      { 'messaging.destination.name': 'message.incoming', 'blinger.outcome': 'handled', value: 1 },
      { 'messaging.destination.name': 'message.incoming', 'blinger.outcome': 'duplicate', value: 1 },
      { 'messaging.destination.name': 'message.incoming', 'blinger.outcome': 'invalid', value: 1 },
      { 'messaging.destination.name': 'user.new', 'blinger.outcome': 'unhandled', value: 1 },
      { 'blinger.outcome': 'refused', value: 1 },
    ]),
  )
  const refused = telemetry.spans().filter((span) => span.attributes['blinger.outcome'] === 'refused')
  expect(refused[0]?.attributes).toMatchObject({ 'http.response.status_code': 401 })
  expect(refused[0]?.attributes).not.toHaveProperty('messaging.message.id')
})

test('disable() unsubscribes: with no other subscriber, the channels are free again', () => {
  const channel = tracingChannel(channelNames.delivery)
  telemetry.instrumentation.disable()
  expect(channel.hasSubscribers).toBe(false)
  const another = new BlingerWebhooksInstrumentation()
  expect(channel.hasSubscribers).toBe(true)
  another.disable()
  telemetry.instrumentation.enable()
  expect(channel.hasSubscribers).toBe(true)
})

test('alarms are counted by kind', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const receiver = createReceiver({ token, alerts: { unauthorized: { count: 2 } } })
  for (let index = 0; index < 2; index++)
    await receiver.handle(request(message, '/hook?token=wrong-token-0123456789'))
  const alarms = await telemetry.points(metricNames.alarms)
  expect(alarms.map((point) => ({ ...point.attributes, value: point.value }))).toEqual([
    { 'blinger.alarm': 'unauthorized', value: 1 },
  ])
  vi.restoreAllMocks()
})
