import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import express from 'express'
import express4 from 'express4'
import request from 'supertest'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

// Issue 24 (§3): with `app.use(express.json())` before the webhook, a long conversation got Express's own 413
// page and never reached the receiver, silently. The first delivery that arrives parsed now says so, once.

const token = 'express-test-token-0123456789'
const path = '/webhooks/blinger'
const fixture = FixtureByEventName['conversation.closed']
const body = JSON.stringify(fixture)

type Framework = typeof express
const frameworks: [string, Framework][] = [
  ['express 5', express],
  ['express 4', express4 as unknown as Framework],
]

afterEach(() => {
  vi.restoreAllMocks()
})

function deliver(app: Parameters<typeof request>[0], payload = body) {
  return request(app).post(`${path}?token=${token}`).set('content-type', 'application/json').send(payload)
}

describe.each(frameworks)('%s', (_label, framework) => {
  test.each([
    ['express.json()', framework.json()],
    ['express.text()', framework.text({ type: 'application/json' })],
    ['express.raw()', framework.raw({ type: 'application/json' })],
  ])('behind %s: one warning naming it, its limit and the fix', async (name, parser) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const app = framework()
    app.use(parser)
    app.post(path, blingerWebhooks({ token }))
    expect((await deliver(app)).status).toBe(200)
    expect((await deliver(app)).status).toBe(200)
    expect(warn).toHaveBeenCalledOnce()
    const line = String(warn.mock.calls[0]?.[0])
    expect(line).toMatch(/^\[@blinger-webhooks\/express\] /)
    expect(line).toContain(name)
    expect(line).toContain("read the webhook's body before the receiver")
    expect(line).toContain('100 kB')
    expect(line).toContain('413')
    expect(line).toContain("express.json({ limit: '5mb' })")
    expect(line).toContain('mount the webhook before the parser')
    // Names only: no token, no payload value.
    expect(line).not.toContain(token)
    expect(line).not.toContain(String(fixture.conversation.id))
  })

  test('the 413 it warns about: a 421 kB conversation behind the default express.json()', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = framework()
    app.use(framework.json())
    const hooks = blingerWebhooks({ token })
    app.post(path, hooks)
    const long = JSON.stringify({ ...fixture, padding: 'x'.repeat(421_000) })
    expect((await deliver(app, long)).status).toBe(413) // Express's answer: the receiver never ran
    expect((await deliver(app)).status).toBe(200)
    expect(warn).toHaveBeenCalledOnce()
  })

  test('mounted before the parser: the other routes keep their parsed bodies, and nothing is warned', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const app = framework()
    app.post(path, blingerWebhooks({ token }))
    app.use(framework.json())
    app.post('/notes', (req, res) => {
      res.json({ received: req.body })
    })
    const long = JSON.stringify({ ...fixture, padding: 'x'.repeat(421_000) })
    expect((await deliver(app, long)).status).toBe(200)
    const notes = await request(app).post('/notes').send({ a: 1 })
    expect(notes.body).toEqual({ received: { a: 1 } })
    expect(warn).not.toHaveBeenCalled()
  })

  test('a parser that skipped the content type (Express 4 sets req.body = {}) is not warned about', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const app = framework()
    app.use(framework.urlencoded({ extended: false }))
    app.post(path, blingerWebhooks({ token }))
    expect((await deliver(app)).status).toBe(200)
    expect(warn).not.toHaveBeenCalled()
  })
})
