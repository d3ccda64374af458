/** @module Fastify adapter: an encapsulated plugin that maps request/reply onto the core pipeline and does nothing else. */
import {
  type AccountOf,
  type AdapterReceiverOptions,
  attachEmitter,
  resolveReceiver,
  type TokenOption,
  type WithEmitter,
} from '@blinger-webhooks/core'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

/** Options given to `app.register(hooks, { … })`, next to Fastify's own (`prefix`, …). */
export interface FastifyRegisterWebhooksOptions {
  /** The route's path, under the register `prefix`; overrides `blingerWebhooks({ path })`. @default the `path` given to `blingerWebhooks` */
  path?: string
}

/** Options of `blingerWebhooks`: every `ReceiverOptions` field, plus `path`. */
export interface FastifyWebhooksOptions<T extends TokenOption = TokenOption>
  extends AdapterReceiverOptions<T> {
  /** The route's path, under the register `prefix`. @default '/webhooks/blinger' */
  path?: string
}

/** The plugin `blingerWebhooks` returns. */
export type FastifyWebhooksPlugin = FastifyPluginAsync<FastifyRegisterWebhooksOptions>

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
  const plugin: FastifyWebhooksPlugin = async (app, opts) => {
    // Only this context: the core reads the raw stream itself, so it owns 413, 415 and 400.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_request, _payload, done) => done(null))
    app.all(opts.path ?? options.path ?? '/webhooks/blinger', async (request, reply) => {
      const out = await receiver.handle({
        method: request.method,
        url: request.url,
        headers: request.headers,
        stream: request.raw,
        response: reply.raw,
      })
      return reply.code(out.status).headers(out.headers).send(out.body)
    })
  }
  const wrapped: FastifyWebhooksPlugin = fp(plugin, {
    name: '@blinger-webhooks/fastify',
    fastify: '5.x',
    encapsulate: true,
  })
  return attachEmitter(wrapped, receiver)
}
