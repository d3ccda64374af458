// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).
// `@vercel/functions` is declared in platforms.d.ts.

// #region vercel
// api/webhooks/blinger.ts
import { blingerWebhooks } from '@blinger-webhooks/fetch'
import { waitUntil } from '@vercel/functions'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })

export function POST(request: Request): Promise<Response> {
  return hooks(request, { waitUntil })
}
// #endregion
