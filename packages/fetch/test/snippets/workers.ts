// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).

/** Declared as @cloudflare/workers-types (or `wrangler types`) does, globally there. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
}

// #region workers
import { blingerWebhooks } from '@blinger-webhooks/fetch'

// With nodejs_compat and a compatibility date from 2025-04-01 on, process.env holds the Worker's vars and
// secrets.
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, ack: 'immediately' })
hooks.on('message.incoming', async (event) => {
  await fetch('https://example.com/crm', { method: 'POST', body: event.payload.message.message })
})

export default {
  fetch(request: Request, _env: unknown, ctx: ExecutionContext): Promise<Response> {
    return hooks(request, ctx) // ctx.waitUntil keeps the handlers running after the answer
  },
}
// #endregion
