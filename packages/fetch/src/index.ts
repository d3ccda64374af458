/** @module Fetch adapter: maps a web-standard Request onto the core pipeline and returns a Response. */
import {
  type AccountOf,
  type AdapterReceiverOptions,
  attachEmitter,
  matchPath,
  notFoundResponse,
  resolveReceiver,
  type TokenOption,
  type WithEmitter,
} from '@blinger-webhooks/core'

/** A web-standard handler, as Hono, Next.js route handlers, Bun.serve, Deno.serve and Workers take. */
export type FetchHandler = (request: Request) => Promise<Response>

/** Options of `blingerWebhooks`: every `ReceiverOptions` field, plus `path`. */
export interface FetchWebhooksOptions<T extends TokenOption = TokenOption> extends AdapterReceiverOptions<T> {
  /**
   * Answer only this path (query and trailing slash ignored); other requests get a 404 JSON answer. Leave it
   * out behind a router, which already chose the path.
   * @default undefined (every request)
   */
  path?: string
}

/**
 * Creates a `(request: Request) => Promise<Response>` handler that receives Blinger webhooks and emits them
 * as typed events.
 * @example
 * import { Hono } from 'hono'
 * import { blingerWebhooks } from '@blinger-webhooks/fetch'
 *
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
 * hooks.on('conversation.closed', (event) => console.log(event.payload.conversation.id))
 * const app = new Hono()
 * app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: FetchWebhooksOptions<T>,
): WithEmitter<FetchHandler, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const matches = matchPath(options.path)
  const handler: FetchHandler = async (request) => {
    const { pathname, search } = new URL(request.url)
    const url = pathname + search
    const out = matches(url)
      ? await receiver.handle({
          method: request.method,
          url,
          headers: Object.fromEntries(request.headers),
          stream: request.body ?? undefined,
          signal: request.signal,
        })
      : notFoundResponse
    return new Response(out.body, { status: out.status, headers: out.headers })
  }
  return attachEmitter(handler, receiver)
}
