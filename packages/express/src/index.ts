/** @module Express adapter: maps req/res onto the core pipeline and does nothing else. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  matchPath,
  resolveReceiver,
  responderOf,
} from '@blinger-webhooks/core/adapter'
import { parsedFirstWarning, parserThatRanFirst } from './parser-that-ran-first.js'

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'

/** The parts of Express's `req` the adapter reads. Structural, so `@types/express` is never required. */
export type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown }

/** An Express 4 or 5 middleware, written against Node's own request and response types. */
export type ExpressMiddleware = (
  req: ExpressRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type ExpressWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /**
   * Handle only this path (matched on `req.originalUrl`, query and trailing slash ignored) and pass every
   * other request to `next()`. Set it when mounting with `app.use(hooks)`.
   * @default undefined (every request that reaches the middleware)
   */
  path?: string
}

/**
 * Creates an Express middleware that receives Blinger webhooks and emits them as typed events. Mount it
 * with `app.post(path, hooks)`, `app.use(path, hooks)` or, with the `path` option, `app.use(hooks)`, before
 * `express.json()`: behind it, its 100 kB limit refuses long conversations first (the first delivery that
 * arrives parsed logs one warning saying so).
 * @example
 * import express from 'express'
 * import { blingerWebhooks } from '@blinger-webhooks/express'
 *
 * const app = express()
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
 * app.post('/webhooks/blinger', hooks)
 * hooks.on('conversation.closed', async (event) => {
 *   console.log(event.payload.conversation.id)
 * })
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: ExpressWebhooksOptions<T>,
): WithEmitter<ExpressMiddleware, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const matches = matchPath(options.path)
  const respond = responderOf(receiver)
  let warned = false
  const middleware: ExpressMiddleware = (req, res, next) => {
    const url = req.originalUrl ?? req.url ?? '/'
    if (!matches(url)) return next()
    if (!warned) {
      // Once: this delivery got through, but a longer one would get the parser's 413 and never reach us.
      const parser = parserThatRanFirst(req)
      if (parser !== undefined) {
        warned = true
        console.warn(parsedFirstWarning(parser))
      }
    }
    respond(
      {
        method: req.method,
        url,
        headers: req.headers,
        body: req.body,
        stream: req,
        response: res,
      },
      (out) => {
        try {
          res.writeHead(out.status, out.headers).end(out.body)
        } catch (error) {
          next(error)
        }
      },
      // A bug in the pipeline, like a throwing writeHead above, goes to Express's error handling.
      next,
    )
  }
  return attachEmitter(middleware, receiver)
}
