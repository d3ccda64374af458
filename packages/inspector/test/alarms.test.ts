import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { type Inspector, type InspectorAlarm, startInspector } from '../src/index.js'

const token = 'inspector-token-0123456789'
const wrongToken = 'wrong-token-abcdef-987654'
let inspector: Inspector

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  inspector = await startInspector({ port: 0, token, alerts: { unauthorized: { count: 3 } } })
})
afterAll(async () => {
  await inspector.close()
  vi.restoreAllMocks()
})

test('an alarm of the receiver reaches the page as an `alarm` event, without the token', async () => {
  const events = await fetch(`${inspector.url.replace(/\/(\?.*)?$/, '')}/api/events`)
  const reader = (events.body as ReadableStream<Uint8Array>).getReader()
  const webhook = new URL(inspector.webhookUrl)
  webhook.searchParams.set('token', wrongToken)
  for (let index = 0; index < 3; index++) {
    const response = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FixtureByEventName['user.new']),
    })
    expect(response.status).toBe(401)
  }
  let text = ''
  while (!text.includes('event: alarm')) {
    const step = await reader.read()
    if (step.done) break
    text += new TextDecoder().decode(step.value)
  }
  await reader.cancel()
  const data = /event: alarm\ndata: (.*)\n/.exec(text)?.[1] as string
  const alarm = JSON.parse(data) as InspectorAlarm
  expect(alarm).toMatchObject({ kind: 'unauthorized' })
  expect(alarm.text).toMatch(/^Unauthorized: 3 requests with a wrong token in 0 s/)
  expect(data).not.toContain(wrongToken)
  expect(data).not.toContain(token)
})
