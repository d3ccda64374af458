// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).

/** The part of Bun's global this snippet uses, as bun-types types it. */
declare const Bun: {
  serve(options: {
    port: number
    fetch(request: Request, server: unknown): Response | Promise<Response>
  }): unknown
}

// #region bun
import { blingerWebhooks } from '@blinger-webhooks/fetch'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, path: '/webhooks/blinger' })

Bun.serve({ port: 3000, fetch: (request) => hooks(request) })
// #endregion
