import { createReceiver, type EmitterMethods, type ReceiverOptions } from '@blinger-webhooks/core'
import { blingerWebhooks as expressWebhooks } from '@blinger-webhooks/express'
import { blingerWebhooks as fastifyWebhooks } from '@blinger-webhooks/fastify'
import { blingerWebhooks as koaWebhooks } from '@blinger-webhooks/koa'
import { bodyParser as koaBodyParser } from '@koa/bodyparser'
import express from 'express'
import express4 from 'express4'
import Fastify from 'fastify'
import Koa from 'koa'
import { listen } from './listen.js'
import { nodeListener } from './node-listener.js'

/** Where the receiver is mounted in every app. */
export const hookPath = '/webhooks/blinger'

/** The servers the suite runs: core on plain `node:http`, and each adapter in its framework (Express 5 and 4). */
export const stacks = ['node', 'express', 'express4', 'koa', 'fastify'] as const

/** One of `stacks`. */
export type Stack = (typeof stacks)[number]

/** How an app is built. */
export interface AppSettings {
  /** Mount the framework's usual body parser first (express.json(), @koa/bodyparser, a Fastify JSON parser). @default false */
  bodyParser?: boolean
}

/** A running app on loopback. */
export interface RunningApp {
  readonly stack: Stack
  readonly port: number
  readonly origin: string
  /** The receiver's (or adapter's) `on`, `once` and `off`. */
  readonly hooks: EmitterMethods
  close(): Promise<void>
}

/** Starts `stack` with the receiver at `hookPath`, on 127.0.0.1 and an ephemeral port. */
export async function startApp(
  stack: Stack,
  options: ReceiverOptions,
  { bodyParser = false }: AppSettings = {},
): Promise<RunningApp> {
  switch (stack) {
    case 'node': {
      const receiver = createReceiver(options)
      const listening = await listen(nodeListener(receiver))
      return {
        stack,
        port: listening.port,
        origin: listening.origin,
        hooks: receiver,
        close: listening.close,
      }
    }
    case 'express':
    case 'express4': {
      // Express 4 does not forward a rejected promise: the adapter must never leak one.
      // One code path for both: only their types differ (v4 and v5 typings), not what is called here.
      const framework = stack === 'express' ? express : (express4 as unknown as typeof express)
      const app = framework()
      if (bodyParser) app.use(framework.json())
      const hooks = expressWebhooks({ ...options, path: hookPath })
      app.use(hooks)
      const listening = await listen(app as unknown as Parameters<typeof listen>[0])
      return { stack, port: listening.port, origin: listening.origin, hooks, close: listening.close }
    }
    case 'koa': {
      const app = new Koa()
      app.silent = true // the parser's errors are the app's to log; tests provoke them on purpose
      if (bodyParser) app.use(koaBodyParser())
      const hooks = koaWebhooks({ ...options, path: hookPath })
      app.use(hooks)
      const listening = await listen(app.callback())
      return { stack, port: listening.port, origin: listening.origin, hooks, close: listening.close }
    }
    case 'fastify': {
      const app = Fastify()
      if (bodyParser) {
        app.removeContentTypeParser('application/json')
        app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
          try {
            done(null, JSON.parse(String(text)))
          } catch (error) {
            done(error as Error)
          }
        })
      }
      const hooks = fastifyWebhooks({ ...options, path: hookPath })
      await app.register(hooks)
      await app.listen({ port: 0, host: '127.0.0.1' })
      const listening = await listen(app.server)
      return {
        stack,
        port: listening.port,
        origin: listening.origin,
        hooks,
        close: async () => {
          app.server.closeAllConnections()
          await app.close()
        },
      }
    }
  }
}
