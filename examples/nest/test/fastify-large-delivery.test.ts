import 'reflect-metadata'
import type { AddressInfo } from 'node:net'
import { createPayload } from '@blinger-webhooks/testing'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { ConversationArchive } from '../src/conversation-archive.js'
import { createApp } from '../src/fastify/create-app.js'

const token = 'nest-fastify-example-token'
const sample = createPayload('conversation.closed')
const first = sample.conversation.messages[0]
if (first === undefined) throw new Error('the conversation.closed sample has no message')
// 400 messages, as a long support chat closes with: over the 100 kB of Nest's Express parser.
const messages = Array.from({ length: 400 }, (_, index) => ({ ...first, id: 10_000 + index }))
const body = JSON.stringify(createPayload('conversation.closed', { conversation: { id: 9001, messages } }))

let app: NestFastifyApplication | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const post = (url: string, text: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })

describe('examples/nest on Fastify', () => {
  test('the plugin: a large conversation.closed reaches the typed handler in the provider', async () => {
    app = await createApp(token, { logger: false })
    await app.listen(0, '127.0.0.1')
    const { port } = app.getHttpServer().address() as AddressInfo
    const base = `http://127.0.0.1:${port}`
    expect(Buffer.byteLength(body)).toBeGreaterThan(100 * 1024)
    const response = await post(`${base}/webhooks/blinger?token=${token}`, body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(app.get(ConversationArchive).list()).toEqual([{ id: 9001, messageCount: 400 }])

    // A wrong token is the receiver's 401; Nest's own routes keep Fastify's JSON parser.
    expect((await post(`${base}/webhooks/blinger?token=wrong`, body)).status).toBe(401)
    const note = await post(`${base}/notes`, JSON.stringify({ text: 'still parsed by Fastify' }))
    expect(await note.json()).toEqual({ saved: 'still parsed by Fastify' })
  })
})
