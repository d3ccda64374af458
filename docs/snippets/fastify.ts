import Fastify from 'fastify'
import { blingerWebhooks } from '@blinger-webhooks/fastify'

const app = Fastify()
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
await app.register(hooks) // POST /webhooks/blinger; app.register(hooks, { prefix: '/api', path: '/blinger' }) works too

hooks.on('conversation', (event) => {
  app.log.info({ id: event.payload.conversation.id }, event.name) // 'conversation.assigned' | …
})
await app.listen({ port: 3000 })
