// README snippet (the part between #region and #endregion is copied verbatim; readme-snippets.test.ts checks).

/** The part of Deno's global this snippet uses, as lib.deno.ns.d.ts types it. */
declare const Deno: {
  env: { get(key: string): string | undefined }
  serve(
    options: { port: number },
    handler: (request: Request, info: { remoteAddr: unknown }) => Response | Promise<Response>,
  ): unknown
}

// #region deno
import { blingerWebhooks } from '@blinger-webhooks/fetch'

const hooks = blingerWebhooks({ token: Deno.env.get('BLINGER_TOKEN'), path: '/webhooks/blinger' })

Deno.serve({ port: 3000 }, (request) => hooks(request))
// #endregion
