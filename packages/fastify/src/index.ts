/** @module Fastify adapter: an encapsulated plugin that maps request/reply onto the core pipeline and does nothing else. */
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  resolveReceiver,
  responderOf,
} from '@blinger-webhooks/core/adapter'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'

/** Options given to `app.register(hooks, { … })`, next to Fastify's own (`prefix`, …). */
export interface FastifyRegisterWebhooksOptions {
  /** The route's path, under the register `prefix`; overrides `blingerWebhooks({ path })`. @default the `path` given to `blingerWebhooks` */
  path?: string
}

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type FastifyWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /** The route's path, under the register `prefix`. @default '/webhooks/blinger' */
  path?: string
}

/** The plugin `blingerWebhooks` returns. */
export type FastifyWebhooksPlugin = FastifyPluginAsync<FastifyRegisterWebhooksOptions>

/** A body parser that reads nothing and leaves `request.raw` to the core. */
const leaveTheStream = (_request: unknown, _payload: unknown, done: (error: null) => void) => done(null)

/**
 * Creates a Fastify plugin that receives Blinger webhooks on one route and emits them as typed events.
 * The route answers every method (POST is handled, others get 405). Its body parsing lives in the plugin's
 * own encapsulated context, so the app's other routes keep their parsers.
 * @example
 * import Fastify from 'fastify'
 * import { blingerWebhooks } from '@blinger-webhooks/fastify'
 *
 * const app = Fastify()
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
 * await app.register(hooks) // POST /webhooks/blinger
 * hooks.on('conversation.closed', async (event) => {
 *   console.log(event.payload.conversation.id)
 * })
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: FastifyWebhooksOptions<T>,
): WithEmitter<FastifyWebhooksPlugin, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const respond = responderOf(receiver)
  const plugin: FastifyWebhooksPlugin = async (app, opts) => {
    // Only this context: the core reads the raw stream itself, so it owns 413, 415 and 400. The exact JSON
    // type first: Fastify caches the parser of an exact type, but parses the header again for '*' each time.
    // `app.close()` drains the receiver: running handlers finish (or become dead letters) before Fastify stops.
    app.addHook('onClose', () => receiver.close())
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('application/json', leaveTheStream)
    app.addContentTypeParser('*', leaveTheStream)
    // Not async: the reply is sent from the pipeline's callback, with no promise around it.
    app.all(opts.path ?? options.path ?? '/webhooks/blinger', (request, reply) => {
      respond(
        {
          method: request.method,
          url: request.url,
          headers: request.headers,
          stream: request.raw,
          response: reply.raw,
        },
        (out) => {
          reply.code(out.status).headers(out.headers).send(out.body)
        },
        // The pipeline never fails by design; a bug there still gets Fastify's 500, not a hanging request.
        (error: unknown) => {
          reply.send(error)
        },
      )
    })
  }
  const wrapped: FastifyWebhooksPlugin = fp(plugin, {
    name: '@blinger-webhooks/fastify',
    fastify: '5.x',
    encapsulate: true,
  })
  return attachEmitter(wrapped, receiver)
}
