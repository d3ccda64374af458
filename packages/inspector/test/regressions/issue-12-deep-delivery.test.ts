import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Delivery, type Inspector, startInspector } from '../../src/index.js'
import { writeJson } from '../../src/write-json.js'

// Issue 12 (D6): a payload nested 100,000 deep is accepted (200), and afterwards `GET /api/deliveries` and
// `/api/deliveries/:seq` reset the connection, because JSON.stringify threw after the head was written.

let inspector: Inspector
beforeAll(async () => {
  inspector = await startInspector({ port: 0, uiDir: '/nonexistent' })
})
afterAll(async () => {
  await inspector?.close()
})

const deep = `{"webhook":"on_deep","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`

test('a 100,000-deep delivery is kept as raw text, and the list and detail still answer', async () => {
  const posted = await fetch(inspector.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: deep,
  })
  expect(posted.status).toBe(200)
  const list = await fetch(`${inspector.url}api/deliveries`)
  expect(list.status).toBe(200)
  const { deliveries } = (await list.json()) as { deliveries: Delivery[] }
  const [kept] = deliveries
  expect(kept).toMatchObject({ status: 200, payload: null, webhook: 'on_deep' })
  const detail = await fetch(`${inspector.url}api/deliveries/${kept?.seq}`)
  expect(detail.status).toBe(200)
  expect(((await detail.json()) as Delivery).body).toBe(deep)
})

test('a shallow payload is still kept parsed, for the tree', async () => {
  const shallow = { webhook: 'on_shallow', a: [[[[{ b: 1 }]]]] }
  await fetch(inspector.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(shallow),
  })
  expect(inspector.deliveries()[0]?.payload).toEqual(shallow)
})

test('an answer JSON cannot carry is a 500 with a short JSON error, never a reset', async () => {
  let value: unknown = 1
  for (let depth = 0; depth < 100_000; depth++) value = [value]
  const server = createServer((_, response) => writeJson(response, 200, value))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: 'unserializable' })
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})
