import { blingerWebhooks } from '@blinger-webhooks/fetch'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}

const hooks = blingerWebhooks({ token })
hooks
  .on('message.incoming', ({ payload }) => {
    console.log(`${payload.from_user.title ?? 'A client'} wrote: ${payload.message.message}`)
  })
  .on('error', (error) => {
    console.error(error)
  })

const app = new Hono()
// Hand the raw Request over; the same handler works in Next.js route handlers, Bun, Deno and Workers. On
// Workers, also pass the platform's waitUntil, hooks(c.req.raw, c.executionCtx), so handlers that outlive the
// answer finish (@blinger-webhooks/fetch README, "Serverless"); on Node, c.executionCtx throws.
app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
app.get('/health', (c) => c.json({ ok: true }))

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, ({ port }) => {
  console.log(`Listening on http://localhost:${port}/webhooks/blinger?token=…`)
})

// A deploy sends SIGTERM: stop taking connections, let running handlers finish (until handlerTimeout; the
// rest become dead letters), then exit. Without this, deliveries answered 200 whose handlers still run are lost.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    server.close()
    await hooks.close()
    process.exit(0)
  })
