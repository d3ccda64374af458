import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Hono } from 'hono'
import { expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'fetch-test-token'
const body = JSON.stringify(FixtureByEventName['conversation.closed'])
const headers = { 'content-type': 'application/json' }

function honoApp(hooks: ReturnType<typeof blingerWebhooks>) {
  const app = new Hono()
  app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
  return app
}

test("through Hono's app.request(): delivered, typed, answered 200", async () => {
  const hooks = blingerWebhooks({ token })
  const seen = vi.fn()
  hooks.on('conversation.closed', (event) => seen(event.payload.conversation.close_group?.title))
  const response = await honoApp(hooks).request(`/webhooks/blinger?token=${token}`, {
    method: 'POST',
    body,
    headers,
  })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ ok: true })
  expect(seen).toHaveBeenCalledWith('Duplicate')
})

test('the status table reaches the Response: 401, 405 with Allow, 415, 413, 400', async () => {
  const app = honoApp(blingerWebhooks({ token, limit: 1000 }))
  const url = `/webhooks/blinger?token=${token}`
  expect((await app.request('/webhooks/blinger', { method: 'POST', body, headers })).status).toBe(401)
  const get = await app.request(url)
  expect(get.status).toBe(405)
  expect((await app.request(url, { method: 'POST', body })).status).toBe(415) // fetch's default text/plain
  expect(get.headers.get('allow')).toBe('POST')
  const xml = await app.request(url, { method: 'POST', body, headers: { 'content-type': 'application/xml' } })
  expect(xml.status).toBe(415)
  expect((await app.request(url, { method: 'POST', body, headers })).status).toBe(413)
  expect((await app.request(url, { method: 'POST' })).status).toBe(400)
  expect((await app.request(url, { method: 'POST', body: '{', headers })).status).toBe(400)
})

test('called directly with a Request, with path: other paths get 404 JSON', async () => {
  const hooks = blingerWebhooks({ token, path: '/hooks' })
  const request = (path: string) =>
    new Request(`http://x.test${path}?token=${token}`, { method: 'POST', body, headers })
  expect((await hooks(request('/hooks'))).status).toBe(200)
  const other = await hooks(request('/elsewhere'))
  expect(other.status).toBe(404)
  expect(other.headers.get('content-type')).toBe('application/json; charset=utf-8')
})
