/** @module node:http adapter: maps IncomingMessage/ServerResponse onto the core pipeline and does nothing else. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  matchPath,
  notFoundResponse,
  resolveReceiver,
  responderOf,
} from '@blinger-webhooks/core/adapter'

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'

/** A `node:http` request listener; `next`, when given (Connect-style servers), receives unmatched requests. */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type NodeWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /**
   * Handle only this path (query and trailing slash ignored). Other requests go to `next()` when the server
   * gives one, and otherwise get a 404 JSON answer: a request is never left hanging.
   * @default undefined (every request)
   */
  path?: string
}

/**
 * Creates a `node:http` request handler that receives Blinger webhooks and emits them as typed events.
 * @example
 * import { createServer } from 'node:http'
 * import { blingerWebhooks } from '@blinger-webhooks/node'
 *
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, path: '/webhooks/blinger' })
 * hooks.on('message.incoming', (event) => console.log(event.payload.message.message))
 * createServer(hooks).listen(3000)
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: NodeWebhooksOptions<T>,
): WithEmitter<NodeHandler, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const matches = matchPath(options.path)
  const respond = responderOf(receiver)
  const handler: NodeHandler = (req, res, next) => {
    const url = req.url ?? '/'
    if (!matches(url)) {
      if (next !== undefined) next()
      else res.writeHead(notFoundResponse.status, notFoundResponse.headers).end(notFoundResponse.body)
      return
    }
    // `fail` keeps a throwing writeHead (headers already sent), or a bug, from going unhandled. The answer is
    // written from the pipeline's callback (`responderOf`), not from a promise of `handle()`.
    const fail = (error: unknown) => (next === undefined ? res.destroy(error as Error) : next(error))
    respond(
      { method: req.method, url, headers: req.headers, stream: req, response: res },
      (out) => {
        try {
          res.writeHead(out.status, out.headers).end(out.body)
        } catch (error) {
          fail(error)
        }
      },
      fail,
    )
  }
  return attachEmitter(handler, receiver)
}
