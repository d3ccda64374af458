import { type ClientRequest, get as httpGet, type IncomingMessage, type ServerResponse } from 'node:http'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test } from 'vitest'
import { createEventStream } from '../../src/create-event-stream.js'
import { type Delivery, type Inspector, startInspector } from '../../src/index.js'

// Issue 12 (D5): the SSE snapshot skipped the per-connection buffer cap and connections were unlimited (200
// pages that never read took the inspector to 1.1 GB), and requests refused for want of the token entered the
// ring buffer and evicted real deliveries (600 unauthenticated POSTs evicted the one real delivery).

const open: Inspector[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((inspector) => inspector.close()))
})

async function start(options: Parameters<typeof startInspector>[0] = {}): Promise<Inspector> {
  const inspector = await startInspector({ port: 0, uiDir: '/nonexistent', ...options })
  open.push(inspector)
  return inspector
}

/** Opens `/api/events` and never reads past the head: a page that stopped reading. */
function follow(url: string): Promise<{ request: ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, (response) => {
      response.pause()
      resolve({ request, response })
    })
    request.on('error', reject)
  })
}

test('at most 16 pages follow the event stream; the next one gets 503 with a JSON error', async () => {
  const inspector = await start()
  const events = `${inspector.url}api/events`
  const followers = await Promise.all(Array.from({ length: 16 }, () => follow(events)))
  expect(followers.map(({ response }) => response.statusCode)).toEqual(Array(16).fill(200))
  const refused = await fetch(events)
  expect(refused.status).toBe(503)
  expect(await refused.json()).toMatchObject({ error: 'too_many_streams' })
  // A closed page frees its place.
  followers[0]?.request.destroy()
  await new Promise((resolve) => setTimeout(resolve, 100))
  const again = await follow(events)
  expect(again.response.statusCode).toBe(200)
  for (const { request } of [...followers, again]) request.destroy()
})

/** A response that never drains: what a page that stopped reading looks like to the server. */
function stalledResponse() {
  const written: string[] = []
  let buffered = 0
  const response = {
    destroyed: false,
    get writableLength() {
      return buffered
    },
    writeHead: () => response,
    write(text: string) {
      written.push(text)
      buffered += Buffer.byteLength(text)
      return false
    },
    end: () => response,
    destroy() {
      response.destroyed = true
      return response
    },
    on: () => response,
  }
  return { response, written, buffered: () => buffered }
}

test('a page that stops reading is dropped before it holds more than the cap, its first message included', () => {
  const stream = createEventStream({ maxBuffered: 64 * 1024 })
  try {
    const huge = stalledResponse()
    stream.add(huge.response as unknown as ServerResponse, { event: 'snapshot', data: 'x'.repeat(100_000) })
    expect(huge.response.destroyed).toBe(true)
    expect(huge.buffered()).toBe(0)

    const slow = stalledResponse()
    stream.add(slow.response as unknown as ServerResponse, { event: 'snapshot', data: [] })
    for (let index = 0; index < 1000 && !slow.response.destroyed; index++)
      stream.broadcast('delivery', { seq: index, path: 'p'.repeat(1000) })
    expect(slow.response.destroyed).toBe(true)
    expect(slow.buffered()).toBeLessThanOrEqual(64 * 1024)
  } finally {
    stream.close()
  }
})

test('the snapshot holds the newest summaries that fit in 2 MiB, however large the kept ones are', async () => {
  const inspector = await start()
  // 16 kB of path is what Node's header limit lets through; 200 of them make a 3 MB snapshot.
  const path = `/${'p'.repeat(15_000)}`
  const body = JSON.stringify(FixtureByEventName['user.new'])
  const headers = { 'content-type': 'application/json' }
  for (let index = 0; index < 200; index++)
    await (await fetch(`${inspector.url}${path.slice(1)}${index}`, { method: 'POST', headers, body })).text()
  const { response, request } = await follow(`${inspector.url}api/events`)
  response.resume()
  let text = ''
  for await (const chunk of response as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8')
    if (text.includes('\n\n', text.indexOf('event: snapshot'))) break
  }
  request.destroy()
  const data = /^event: snapshot\ndata: (.*)$/m.exec(text)?.[1] ?? ''
  expect(Buffer.byteLength(data)).toBeLessThanOrEqual(2 * 1024 * 1024)
  const { deliveries } = JSON.parse(data) as { deliveries: Delivery[] }
  expect(deliveries.length).toBeGreaterThan(100)
  expect(deliveries.length).toBeLessThan(200)
  expect(deliveries[0]?.seq).toBe(200) // the newest first
})

test('600 unauthenticated posts do not evict the one real delivery', async () => {
  const inspector = await start({ token: 'inspector-token', max: 500 })
  const body = JSON.stringify(FixtureByEventName['user.new'])
  const headers = { 'content-type': 'application/json' }
  expect((await fetch(inspector.webhookUrl, { method: 'POST', headers, body })).status).toBe(200)
  const bare = inspector.webhookUrl.split('?')[0] ?? ''
  for (let batch = 0; batch < 30; batch++)
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${bare}?token=wrong`, { method: 'POST', headers, body })
        expect(response.status).toBe(401)
        await response.text()
      }),
    )
  const kept = inspector.deliveries()
  expect(kept.filter((delivery) => delivery.status === 200)).toHaveLength(1)
  expect(kept.filter((delivery) => delivery.status === 401).length).toBeLessThanOrEqual(20)
  expect(kept.filter((delivery) => delivery.status === 401).length).toBeGreaterThan(0) // still visible
})
