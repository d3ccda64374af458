// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).

// #region hono-workers
import { blingerWebhooks } from '@blinger-webhooks/fetch'
import { Hono } from 'hono'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })

const app = new Hono()
// c.executionCtx exists on Workers only: on Node (@hono/node-server) it throws, so there pass c.req.raw alone.
app.post('/webhooks/blinger', (c) => hooks(c.req.raw, c.executionCtx))

export default app
// #endregion
