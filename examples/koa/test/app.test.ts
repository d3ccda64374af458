import type { Server } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../src/app.js'

const token = 'example-koa-token-0123456789'
const newUser = {
  webhook: 'on_user_new',
  user: {
    id: 1,
    blinger_user_id: 2,
    name: 'Ann',
    avatar: null,
    application: 'vk',
    service_user_id: null,
    date_created: 1513262192,
  },
}

let server: Server
let base: string
const lines: string[] = []

beforeAll(async () => {
  server = createApp({ token, log: (line) => lines.push(line) }).app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

test('a delivery with the token reaches its typed handler', async () => {
  const response = await fetch(`${base}/webhooks/blinger?token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(newUser),
  })
  expect(response.status).toBe(200)
  expect(lines).toContain('new client Ann via vk')
})

test('without the token, 401 comes before the body is read, and the connection is closed', async () => {
  // Headers announce 4 MB, and only 10 bytes follow: behind an app-wide parser the answer would wait for the
  // rest. The receiver, mounted first, answers at once.
  const socket = connect({ host: '127.0.0.1', port: Number(new URL(base).port) })
  socket.write(
    'POST /webhooks/blinger?token=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${4 * 1024 * 1024}\r\n\r\n{"webhook"`,
  )
  let answer = ''
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1')
  })
  await new Promise((resolve) => socket.once('close', resolve))
  expect(answer).toMatch(/^HTTP\/1\.1 401 /)
  expect(answer.toLowerCase()).toContain('connection: close')
  expect(answer).toContain('"error":"unauthorized"')
})

test("the app's own routes still get their JSON parsed", async () => {
  const response = await fetch(`${base}/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"text":"hi"}',
  })
  expect(await response.json()).toEqual({ received: { text: 'hi' } })
})
