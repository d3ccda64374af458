// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).
// `next/server` is declared in platforms.d.ts.

// #region next-route
// app/webhooks/blinger/route.ts
import { blingerWebhooks } from '@blinger-webhooks/fetch'
import { after } from 'next/server'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })

export function POST(request: Request): Promise<Response> {
  return hooks(request, { waitUntil: after })
}
// #endregion
