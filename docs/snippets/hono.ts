import { Hono } from 'hono'
import { blingerWebhooks } from '@blinger-webhooks/fetch'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
hooks.on('message.incoming', ({ payload }) => console.log(payload.message.message))

const app = new Hono()
app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
// Bun/Deno: serve with blingerWebhooks({ token, path })
