import { createReceiver, type EmitterMethods, type ReceiverOptions } from '@blinger-webhooks/core'
import { blingerWebhooks as expressWebhooks } from '@blinger-webhooks/express'
import { blingerWebhooks as fastifyWebhooks } from '@blinger-webhooks/fastify'
import { blingerWebhooks as fetchWebhooks } from '@blinger-webhooks/fetch'
import { blingerWebhooks as koaWebhooks } from '@blinger-webhooks/koa'
import { blingerWebhooks as nodeWebhooks } from '@blinger-webhooks/node'
import { getRequestListener } from '@hono/node-server'
import { bodyParser as koaBodyParser } from '@koa/bodyparser'
import express from 'express'
import express4 from 'express4'
import Fastify from 'fastify'
import Koa from 'koa'
import { listen } from './listen.js'
import { nodeListener } from './node-listener.js'

/** Where the receiver is mounted in every app. */
export const hookPath = '/webhooks/blinger'

/**
 * The servers the suite runs: core's `handle()` on plain `node:http`, and each adapter over a real socket: the
 * node adapter on `node:http`, Express 5 and 4, Koa, Fastify, and the fetch adapter on `@hono/node-server`.
 */
export const stacks = ['core', 'node', 'express', 'express4', 'koa', 'fastify', 'fetch'] as const

/** One of `stacks`. */
export type Stack = (typeof stacks)[number]

/**
 * The stacks whose framework has a body parser of its own. `node:http` has none, and a fetch handler reads the
 * Request it is given (a parser that read it first leaves a used body, never a parsed one).
 */
export const stacksWithBodyParser: ReadonlySet<Stack> = new Set(['express', 'express4', 'koa', 'fastify'])

/** How an app is built. */
export interface AppSettings {
  /**
   * Mount the framework's usual body parser first (express.json(), @koa/bodyparser, a Fastify JSON parser).
   * Ignored by the stacks outside `stacksWithBodyParser`. @default false
   */
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
    case 'core': {
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
    case 'node': {
      const hooks = nodeWebhooks({ ...options, path: hookPath })
      const listening = await listen((req, res) => hooks(req, res))
      return { stack, port: listening.port, origin: listening.origin, hooks, close: listening.close }
    }
    case 'fetch': {
      // The bare handler, as on Bun or Deno: @hono/node-server only turns the socket into a Request.
      const hooks = fetchWebhooks({ ...options, path: hookPath })
      const listening = await listen(getRequestListener((request) => hooks(request)))
      return { stack, port: listening.port, origin: listening.origin, hooks, close: listening.close }
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
