import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import express from 'express'
import request from 'supertest'
import { expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

// Issue 27 §1 end to end: the adapter passes `order` and `orderLimits` through to its receiver.

const token = 'express-order-token-0123'
const path = '/webhooks/blinger'
const message = FixtureByEventName['message.incoming']
const sample = FixtureByEventName['conversation.closed']
// The spec's samples are of different conversations: this close is of the message's (173).
const closed = { ...sample, conversation: { ...sample.conversation, id: message.conversation_id } }

test("order: 'conversation' over HTTP: conversation.closed waits for the message.incoming before it; over the cap, 503", async () => {
  const app = express()
  const hooks = blingerWebhooks({ token, path, order: 'conversation', orderLimits: { perKey: 1 } })
  app.use(hooks)
  let release!: () => void
  const crm = new Promise<void>((resolve) => {
    release = resolve
  })
  const seen: string[] = []
  hooks.on('message.incoming', async () => {
    await crm // the CRM write
    seen.push('message.incoming')
  })
  hooks.on('conversation.closed', () => {
    seen.push('conversation.closed')
  })
  const send = (body: object) =>
    Promise.resolve(
      request(app)
        .post(`${path}?token=${token}`)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body)),
    )
  const first = send(message)
  await vi.waitFor(() => expect(hooks.running).toBe(1))
  const second = send(closed) // the same conversation (173): waits
  await vi.waitFor(() => expect(hooks.running).toBe(2))
  const third = await send({ ...message, message: { ...message.message, id: 2 } }) // over perKey: 1
  expect(third.status).toBe(503)
  expect(third.body).toMatchObject({ error: 'order_full' })
  expect(seen).toEqual([])
  release()
  expect((await first).status).toBe(200)
  expect((await second).status).toBe(200)
  expect(seen).toEqual(['message.incoming', 'conversation.closed'])
})
