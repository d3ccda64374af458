import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { leastReceiver } from '../src/least-receiver.js'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Serves a least receiver and sends it one body, written in `parts` (the last one held back when `hold`). */
async function send(
  parts: readonly (string | Buffer)[],
  options: { limit?: number; timeoutSeconds?: number; hold?: boolean } = {},
) {
  const least = leastReceiver(options.limit, options.timeoutSeconds)
  const events: object[] = []
  least.emitter.on('message.incoming', (event: object) => events.push(event))
  server = createServer((req, res) => least.read(req, (status) => res.writeHead(status).end()))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request({ port, method: 'POST', path: '/' }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.on('error', reject)
    for (const part of parts) req.write(part)
    if (options.hold !== true) req.end()
  })
  return { status, events }
}

const body = JSON.stringify({ webhook: 'on_message_incoming', message: { text: 'hi' } })

describe('leastReceiver', () => {
  test('answers 200 and emits an event whose lazy id is an own key, as our events are', async () => {
    const { status, events } = await send([body.slice(0, 10), body.slice(10)])
    expect(status).toBe(200)
    expect(events).toHaveLength(1)
    const [event] = events as { id: string; payload: unknown }[]
    expect(event?.payload).toEqual(JSON.parse(body))
    expect(Object.keys({ ...event })).toContain('id')
  })
  test('refuses what the frame refuses: too large, not UTF-8, not JSON, a poison key', async () => {
    expect((await send([body], { limit: 10 })).status).toBe(413)
    expect((await send([Buffer.from([0x7b, 0xff, 0x7d])])).status).toBe(400)
    expect((await send(['{"webhook":'])).status).toBe(400)
    expect((await send(['{"__proto__":{"x":1},"webhook":"on_message_incoming"}'])).status).toBe(400)
  })
  test('answers 408 to a body that stops coming, at the next sweep past its time', async () => {
    const started = Date.now()
    expect((await send([body.slice(0, 10)], { timeoutSeconds: 1, hold: true })).status).toBe(408)
    expect(Date.now() - started).toBeLessThan(3_000)
  })
})
