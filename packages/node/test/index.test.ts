import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'node-test-token'
const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

async function listen(server: Server) {
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const send = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FixtureByEventName['user.new']),
    ...init,
  })

test('createServer(hooks) receives over a real socket, typed', async () => {
  const hooks = blingerWebhooks({ token })
  const seen = vi.fn()
  hooks.on('user.new', (event) => seen(event.payload.user.name))
  const base = await listen(createServer(hooks))
  const response = await send(`${base}/anything?token=${token}`)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ ok: true })
  expect(seen).toHaveBeenCalledWith('Yuri Dzabaev')
})

test('with path, other paths get a 404 JSON answer instead of hanging', async () => {
  const base = await listen(createServer(blingerWebhooks({ token, path: '/webhooks/blinger' })))
  const response = await send(`${base}/elsewhere?token=${token}`)
  expect(response.status).toBe(404)
  expect(await response.json()).toEqual({ error: 'not_found', message: 'No webhook receiver at this path.' })
  expect((await send(`${base}/webhooks/blinger/?token=${token}`)).status).toBe(200)
})

test('with path and a next(), other paths go to next', async () => {
  const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })
  const base = await listen(createServer((req, res) => hooks(req, res, () => res.end('next'))))
  expect(await (await send(`${base}/elsewhere`)).text()).toBe('next')
})

test('a client that disconnects aborts event.signal', async () => {
  const hooks = blingerWebhooks({ token })
  let signal: AbortSignal | undefined
  let started: () => void = () => {}
  const handlerStarted = new Promise<void>((resolve) => {
    started = resolve
  })
  hooks.on('user.new', async (event) => {
    signal = event.signal
    started()
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
  const base = await listen(createServer(hooks))
  const client = new AbortController()
  const pending = send(`${base}/?token=${token}`, { signal: client.signal }).catch(() => undefined)
  await handlerStarted
  client.abort()
  await pending
  await vi.waitFor(() => expect(signal?.aborted).toBe(true))
})
