import { describeConformance } from '@blinger-webhooks/conformance'
import Fastify from 'fastify'
import { blingerWebhooks } from '../src/index.js'

describeConformance('fastify', async (options, { bodyParser }) => {
  const app = Fastify()
  // With a body parser: Fastify's default JSON parser. Bare: the app parses nothing, like a bare Express app.
  if (!bodyParser) {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_req, _payload, done) => done(null))
  }
  const hooks = blingerWebhooks(options)
  await app.register(hooks)
  app.get('/health', async () => 'ok')
  app.post('/other', async (request) => ({ received: request.body ?? null }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { server: app.server, hooks, close: () => app.close() }
})
