/**
 * One server's whole ladder in one process: every rung (and the control) is a route, `/<rung id>/webhooks/…`,
 * built as its own app and reached through the same dispatch, which strips the prefix so each app sees the path
 * `pnpm bench` sends. Run as `server.ts` runs a case:
 *   node --import tsx src/ladder-server.ts <server>[:calibrate|:gauge]     e.g. node, or koa:calibrate
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { ReceiverOptions } from '@blinger-webhooks/core'
import {
  type LadderMode,
  type LadderServer,
  ladderModes,
  ladderServers,
  type Rung,
  routesOf,
} from './ladder-rungs.js'
import { leastReceiver } from './least-receiver.js'
import { path, token } from './payloads.js'
import { routeServer } from './route-server.js'
import { serve } from './serve-child.js'
import { spinFor } from './spin.js'

const ok = JSON.stringify({ ok: true })
const failed = JSON.stringify({ ok: false })
const okHeaders = { 'content-type': 'application/json; charset=utf-8' }

interface Listening {
  on(event: 'message.incoming', listener: () => unknown): unknown
}

function listen(hooks: Listening, rung: Rung): void {
  if (rung.listener === 'sync') hooks.on('message.incoming', () => {})
  if (rung.listener === 'async') hooks.on('message.incoming', async () => {})
}

async function nodeRung(rung: Rung): Promise<RequestListener> {
  const options = rung.options as ReceiverOptions
  const work = spinFor(rung.spinMicros)
  if (rung.kind === 'bare' || rung.kind === 'spin')
    return (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'))
        work?.()
        res.writeHead(200, okHeaders).end(ok)
      })
    }
  if (rung.kind === 'least') {
    const { read } = leastReceiver()
    return (req: IncomingMessage, res: ServerResponse) =>
      read(req, (status) => res.writeHead(status, okHeaders).end(status === 200 ? ok : failed))
  }
  if (rung.kind === 'handle') {
    // Our body reading and pipeline, but the answer written the way the bare rung writes it.
    const handle = await handleOf(rung)
    return (req: IncomingMessage, res: ServerResponse) => {
      handle(req, res).then(() => res.writeHead(200, okHeaders).end(ok))
    }
  }
  const { blingerWebhooks } = await import('@blinger-webhooks/node')
  const hooks = blingerWebhooks({ ...options, path })
  listen(hooks, rung)
  return hooks
}

/** The bare node:http route's body reading, as a promise: what Fastify's R1 does in place of Fastify's parser. */
const readByHand = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
  })

/** A receiver of the rung's options whose `handle()` reads a Node request: the node and Fastify `handle` rungs. */
async function handleOf(
  rung: Rung,
): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<unknown>> {
  const { createReceiver } = await import('@blinger-webhooks/core')
  const receiver = createReceiver(rung.options as ReceiverOptions)
  listen(receiver, rung)
  return (req, res) =>
    receiver.handle({
      method: req.method,
      url: req.url ?? '/',
      headers: req.headers,
      stream: req,
      response: res,
    })
}

async function fastifyRung(rung: Rung): Promise<RequestListener> {
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  const work = spinFor(rung.spinMicros)
  if (rung.kind === 'bare' || rung.kind === 'spin')
    app.post(path, async () => {
      work?.()
      return { ok: true }
    })
  else if (rung.kind === 'read' || rung.kind === 'handle' || rung.kind === 'least') {
    // As our plugin does: no parser reads the body, the route reads `request.raw` itself.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('application/json', (_request, _payload, done) => done(null))
    if (rung.kind === 'least') {
      const { read } = leastReceiver()
      app.post(path, (request, reply) => {
        read(request.raw, (status) => {
          reply.code(status).send({ ok: status === 200 })
        })
      })
    } else {
      const read = rung.kind === 'read' ? readByHand : await handleOf(rung)
      app.post(path, async (request, reply) => {
        await read(request.raw, reply.raw)
        return { ok: true }
      })
    }
  } else {
    const { blingerWebhooks } = await import('@blinger-webhooks/fastify')
    const hooks = blingerWebhooks({ ...(rung.options as ReceiverOptions), path })
    listen(hooks, rung)
    await app.register(hooks)
  }
  await app.ready()
  // What Fastify's own server calls per request; the app's server is never listened on.
  return app.routing
}

// The bare routes as `server.ts` builds `koa-bare` and `express-bare`, so the ladder's R0 is `pnpm bench`'s baseline.
async function koaRung(rung: Rung): Promise<RequestListener> {
  const { default: Koa } = await import('koa')
  const app = new Koa()
  const work = spinFor(rung.spinMicros)
  if (rung.kind === 'bare' || rung.kind === 'spin') {
    const { bodyParser } = await import('@koa/bodyparser')
    app.use(bodyParser())
    app.use((ctx) => {
      if (ctx.method !== 'POST' || ctx.path !== path) return
      work?.()
      ctx.body = { ok: true }
    })
  } else if (rung.kind === 'least') {
    const { read } = leastReceiver()
    app.use(
      (ctx) =>
        new Promise<void>((resolve) =>
          read(ctx.req, (status) => {
            ctx.status = status
            ctx.body = { ok: status === 200 }
            resolve()
          }),
        ),
    )
  } else {
    const { blingerWebhooks } = await import('@blinger-webhooks/koa')
    const hooks = blingerWebhooks({ ...(rung.options as ReceiverOptions), path })
    listen(hooks, rung)
    app.use(hooks)
  }
  return app.callback()
}

async function expressRung(rung: Rung): Promise<RequestListener> {
  const { default: express } = await import('express')
  const app = express()
  const work = spinFor(rung.spinMicros)
  if (rung.kind === 'bare' || rung.kind === 'spin')
    app.post(path, express.json(), (_req, res) => {
      work?.()
      res.status(200).json({ ok: true })
    })
  else if (rung.kind === 'least') {
    const { read } = leastReceiver()
    app.post(path, (req, res) => read(req, (status) => res.status(status).json({ ok: status === 200 })))
  } else {
    const { blingerWebhooks } = await import('@blinger-webhooks/express')
    const hooks = blingerWebhooks(rung.options as ReceiverOptions)
    listen(hooks, rung)
    app.post(path, hooks)
  }
  return app
}

const build: Record<LadderServer, (rung: Rung) => Promise<RequestListener>> = {
  node: nodeRung,
  fastify: fastifyRung,
  koa: koaRung,
  express: expressRung,
}
const [server, mode = 'ladder'] = (process.argv[2] ?? '').split(':') as [LadderServer, LadderMode?]
if (!ladderServers.includes(server)) throw new Error(`unknown server ${String(server)}`)
if (!ladderModes.includes(mode)) throw new Error(`unknown mode ${String(mode)}`)
const routes = new Map<string, RequestListener>()
for (const rung of routesOf(server, token, mode)) routes.set(rung.id, await build[server](rung))

serve(routeServer(routes))
