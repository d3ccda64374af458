import { redactToken } from '@blinger-webhooks/core'
import { blingerWebhooks } from '@blinger-webhooks/fastify'
import Fastify from 'fastify'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}

// Blinger puts the token in the URL: keep it out of the request log.
const app = Fastify({
  logger: { serializers: { req: (req) => ({ method: req.method, url: redactToken(req.url) }) } },
})
const hooks = blingerWebhooks({ token })

// The plugin parses its own route's body in an encapsulated context: your other routes keep Fastify's parser.
await app.register(hooks) // POST /webhooks/blinger
app.get('/health', async () => ({ ok: true }))

hooks
  .on('conversation', (event) => {
    app.log.info({ id: event.payload.conversation.id, status: event.payload.conversation.status }, event.name)
  })
  .on('comment.incoming', ({ payload }) => {
    app.log.info({ post: payload.comment.post_url }, `comment: ${payload.comment.message}`)
  })
  .on('error', (error) => {
    app.log.error(error)
  })

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' })

// A deploy sends SIGTERM: app.close() stops taking connections and drains the receiver (its onClose hook), so
// running handlers finish (until handlerTimeout; the rest become dead letters) before the process exits.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    await app.close()
    process.exit(0)
  })
