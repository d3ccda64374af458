// Runs in Jest's own CommonJS module system, where a require() of an ESM-only package fails: every package
// here must load from its .cjs build alone.
const express = require('express')
const request = require('supertest')
const { blingerWebhooks } = require('@blinger-webhooks/express')
const { createPayload, deliver } = require('@blinger-webhooks/testing')
const { FixtureByEventName } = require('@blinger-webhooks/core/fixtures')

const token = 'jest-consumer-token'

function app() {
  const hooks = blingerWebhooks({ token })
  const server = express()
  server.use('/webhooks/blinger', hooks)
  return { hooks, server }
}

test('a sample delivered to the Express adapter reaches the typed handler once', async () => {
  const { hooks, server } = app()
  const seen = []
  hooks.on('message.incoming', (event) => {
    seen.push(event.payload.message.message)
  })
  const payload = createPayload('message.incoming', { message: { message: 'from jest' } })
  const url = `/webhooks/blinger?token=${token}`

  const first = await request(server).post(url).send(payload)
  expect(first.status).toBe(200)
  expect(first.body).toEqual({ ok: true })
  const again = await request(server).post(url).send(payload)
  expect(again.body).toEqual({ ok: true, duplicate: true })
  expect(seen).toEqual(['from jest'])

  const wrong = await request(server).post('/webhooks/blinger?token=wrong').send(payload)
  expect(wrong.status).toBe(401)
})

test('the testing kit delivers a fixture in process, and schema checks run (TypeBox, bundled)', async () => {
  const { hooks } = app()
  const closed = await deliver(hooks, FixtureByEventName['conversation.closed'], { token })
  expect(closed.status).toBe(200)
  expect(closed.event?.name).toBe('conversation.closed')
  const broken = await deliver(hooks, { webhook: 'on_user_new' }, { token })
  expect(broken.status).toBe(422)
})
