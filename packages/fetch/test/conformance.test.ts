import { describeConformance } from '@blinger-webhooks/conformance'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { blingerWebhooks } from '../src/index.js'

describeConformance('fetch (Hono)', (options, { bodyParser }) => {
  const app = new Hono()
  const hooks = blingerWebhooks(options)
  if (bodyParser) {
    // Hono has no app-wide body parser; the nearest thing is middleware that reads the body first.
    app.use('/other', async (c, next) => {
      await c.req.json().catch(() => null)
      await next()
    })
  }
  app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
  app.get('/health', (c) => c.text('ok'))
  app.post('/other', async (c) => c.json({ received: await c.req.json().catch(() => null) }))
  return { server: getRequestListener(app.fetch), hooks }
})
