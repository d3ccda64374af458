import 'reflect-metadata'
import type { AddressInfo } from 'node:net'
import { createPayload } from '@blinger-webhooks/testing'
import {
  type INestApplication,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { afterEach, describe, expect, test } from 'vitest'
import { BLINGER_HOOKS, type BlingerHooks } from '../src/blinger-hooks.js'
import { ConversationArchive } from '../src/conversation-archive.js'
import { createApp } from '../src/create-app.js'
import { WebhooksModule } from '../src/webhooks.module.js'

const token = 'nest-example-token'
const sample = createPayload('conversation.closed')
const first = sample.conversation.messages[0]
if (first === undefined) throw new Error('the conversation.closed sample has no message')
// 400 messages, as a long support chat closes with: well over the 100 kB of Nest's JSON parser.
const messages = Array.from({ length: 400 }, (_, index) => ({ ...first, id: 10_000 + index }))
const large = createPayload('conversation.closed', { conversation: { id: 9001, messages } })
const body = JSON.stringify(large)

let app: INestApplication | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function listen(nest: INestApplication): Promise<string> {
  app = nest
  await nest.listen(0, '127.0.0.1')
  const { port } = nest.getHttpServer().address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

const post = (url: string, text: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })

describe('examples/nest', () => {
  test('the payload is over Nest’s 100 kB JSON limit', () => {
    expect(Buffer.byteLength(body)).toBeGreaterThan(100 * 1024)
  })

  test('app.use() in main.ts: a large conversation.closed reaches the typed handler in the provider', async () => {
    const nest = await createApp(token, { logger: false })
    const base = await listen(nest)
    const response = await post(`${base}/webhooks/blinger?token=${token}`, body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(nest.get(ConversationArchive).list()).toEqual([{ id: 9001, messageCount: 400 }])

    // A wrong token is the receiver's 401; Nest's own routes keep Nest's JSON parser.
    expect((await post(`${base}/webhooks/blinger?token=wrong`, body)).status).toBe(401)
    const note = await post(`${base}/notes`, JSON.stringify({ text: 'still parsed by Nest' }))
    expect(await note.json()).toEqual({ saved: 'still parsed by Nest' })
  })

  test('consumer.apply(hooks).forRoutes(): Nest’s parser runs first and answers 413 itself', async () => {
    @Module({ imports: [WebhooksModule.forRoot({ token })] })
    class ForRoutesModule implements NestModule {
      constructor(@Inject(BLINGER_HOOKS) private readonly hooks: BlingerHooks) {}
      configure(consumer: MiddlewareConsumer): void {
        consumer.apply(this.hooks).forRoutes('webhooks/blinger')
      }
    }
    const nest = await NestFactory.create(ForRoutesModule, { logger: false })
    const base = await listen(nest)
    const response = await post(`${base}/webhooks/blinger?token=${token}`, body)
    expect(response.status).toBe(413)
    expect(nest.get(ConversationArchive).list()).toEqual([])
  })
})
