/** @module Koa adapter: maps ctx onto the core pipeline and does nothing else. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  matchPath,
  resolveReceiver,
} from '@blinger-webhooks/core/adapter'
import { parsedFirstWarning, parserThatRanFirst } from './parser-that-ran-first.js'

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'

/** Only the parts of Koa's `ctx` the adapter touches. Any Koa 2 or 3 context satisfies it, so `@types/koa` is never required. */
export interface KoaLikeContext {
  method: string
  originalUrl: string
  headers: IncomingHttpHeaders
  req: IncomingMessage
  res: ServerResponse
  /** `rawBody` and `body` are what `@koa/bodyparser` (or a similar parser) left, when one ran. */
  request: { body?: unknown; rawBody?: string }
  status: number
  body: unknown
  set(fields: { [name: string]: string }): void
}

/** A Koa 2 or 3 middleware. */
export type KoaMiddleware = (ctx: KoaLikeContext, next: () => Promise<unknown>) => Promise<void>

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type KoaWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /**
   * Handle only this path (matched on `ctx.originalUrl`, query and trailing slash ignored) and pass every
   * other request to `next()`. Set it when mounting with `app.use(hooks)`; leave it out behind a router.
   * @default undefined (every request that reaches the middleware)
   */
  path?: string
}

const ignore = () => {}

/**
 * Creates a Koa middleware that receives Blinger webhooks and emits them as typed events. Mount it with
 * `app.use(hooks)` and the `path` option before `@koa/bodyparser` (the app's other routes still get parsed
 * bodies), or with `router.post(path, hooks)` on a router of its own mounted before the parser. Behind the
 * parser it works too, but the parser's limit answers the longest conversations first (one warning says so).
 * @example
 * import Koa from 'koa'
 * import { blingerWebhooks } from '@blinger-webhooks/koa'
 *
 * const app = new Koa()
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, path: '/webhooks/blinger' })
 * app.use(hooks)
 * hooks.on('conversation.closed', async (event) => {
 *   console.log(event.payload.conversation.id)
 * })
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: KoaWebhooksOptions<T>,
): WithEmitter<KoaMiddleware, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const matches = matchPath(options.path)
  let warned = false
  // Not async: Koa gets the promise handle() gives, with no second promise around it.
  const middleware: KoaMiddleware = (ctx, next) => {
    if (!matches(ctx.originalUrl)) return next().then(ignore)
    if (!warned) {
      // Once: this delivery got through, but a longer one would get the parser's 413 and never reach us.
      const parser = parserThatRanFirst(ctx)
      if (parser !== undefined) {
        warned = true
        console.warn(parsedFirstWarning(parser))
      }
    }
    const { req, res, request } = ctx
    return receiver
      .handle({
        method: ctx.method,
        url: ctx.originalUrl,
        headers: ctx.headers,
        // A parser's raw text keeps the byte limit and the delivery id exact; the parsed body is the fallback.
        body: request.rawBody ?? request.body,
        stream: req,
        response: res,
      })
      .then((out) => {
        ctx.set(out.headers) // before `body`, so Koa keeps our content type
        ctx.status = out.status
        ctx.body = out.body
      })
  }
  return attachEmitter(middleware, receiver)
}
