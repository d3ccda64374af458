/** @module Fetch adapter: maps a web-standard Request onto the core pipeline and returns a Response. */
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  matchPath,
  notFoundResponse,
  resolveReceiver,
} from '@blinger-webhooks/core/adapter'

/** A web-standard handler, as Hono, Next.js route handlers, Bun.serve, Deno.serve and Workers take. */
export type FetchHandler = (request: Request) => Promise<Response>

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type FetchWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /**
   * Answer only this path (query and trailing slash ignored); other requests get a 404 JSON answer. Leave it
   * out behind a router, which already chose the path.
   * @default undefined (every request)
   */
  path?: string
}

/**
 * A body with a declared Content-Length, read whole by `arrayBuffer()` and handed to the core as the one chunk
 * of an async iterable, so the core still applies `limit` (to the declared length, before reading) and
 * `readTimeout`. `request.body` on @hono/node-server builds a full Request and a web stream around the socket,
 * which cost more than the rest of the pipeline; `arrayBuffer()` reads the socket directly, and the HTTP
 * parser stops at the declared length.
 */
class WholeBody implements AsyncIterableIterator<Uint8Array> {
  readonly #request: Request
  #read = false

  constructor(request: Request) {
    this.#request = request
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#read) return Promise.resolve({ done: true, value: undefined })
    this.#read = true
    return this.#request.arrayBuffer().then((buffer) => ({ done: false, value: new Uint8Array(buffer) }))
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.#read = true
    return Promise.resolve({ done: true, value: undefined })
  }
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
    let out = notFoundResponse
    if (matches(url)) {
      const headers = Object.fromEntries(request.headers)
      out = await receiver.handle({
        method: request.method,
        url,
        headers,
        stream:
          headers['content-length'] === undefined ? (request.body ?? undefined) : new WholeBody(request),
        signal: request.signal,
      })
    }
    return new Response(out.body, { status: out.status, headers: out.headers })
  }
  return attachEmitter(handler, receiver)
}
