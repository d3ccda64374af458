/**
 * HTTP cases as routes of one process (`route-server.ts`: case `node-ours` at `/node-ours/webhooks/blinger`), so
 * `pnpm bench` compares a case with its baseline within one process (`pairing.ts`):
 *   node --import tsx src/server.ts <case>[,<case>…]
 * It listens on 127.0.0.1 on a free port and sends `{ port }` to its parent over IPC.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { octokitSecret, path, token } from './payloads.js'
import { routeServer } from './route-server.js'
import { serve } from './serve-child.js'
import { type ServerCase, serverCases } from './server-cases.js'

const ok = JSON.stringify({ ok: true })
const noop = () => {}
// What users write: an async listener, so the pipeline's wait for handlers is on the measured path.
const listener = async () => {}

function oursOptions(name: ServerCase) {
  return { token, dedupe: !name.endsWith('-dedupe-off') }
}

async function start(name: ServerCase): Promise<RequestListener> {
  switch (name) {
    case 'node:http-bare':
      // The floor every framework adds to: read the body, JSON.parse it, answer 200.
      return (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'))
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(ok)
        })
      }
    case 'node-ours':
    case 'node-ours-dedupe-off':
    case 'node-ours-duplicate': {
      const { blingerWebhooks: nodeWebhooks } = await import('@blinger-webhooks/node')
      const hooks = nodeWebhooks({ ...oursOptions(name), path })
      hooks.on('message.incoming', listener)
      return hooks
    }
    case 'express-bare': {
      const { default: express } = await import('express')
      const app = express()
      app.post(path, express.json(), (_req, res) => {
        res.status(200).json({ ok: true })
      })
      return app
    }
    case 'express-ours': {
      const { default: express } = await import('express')
      const { blingerWebhooks: expressWebhooks } = await import('@blinger-webhooks/express')
      const app = express()
      const hooks = expressWebhooks(oursOptions(name))
      hooks.on('message.incoming', listener)
      app.post(path, hooks)
      return app
    }
    case 'koa-bare': {
      const { default: Koa } = await import('koa')
      const { bodyParser } = await import('@koa/bodyparser')
      const app = new Koa()
      app.use(bodyParser())
      app.use((ctx) => {
        if (ctx.method === 'POST' && ctx.path === path) ctx.body = { ok: true }
      })
      return app.callback()
    }
    case 'koa-ours': {
      const { default: Koa } = await import('koa')
      const { blingerWebhooks: koaWebhooks } = await import('@blinger-webhooks/koa')
      const app = new Koa()
      const hooks = koaWebhooks({ ...oursOptions(name), path })
      hooks.on('message.incoming', listener)
      app.use(hooks)
      return app.callback()
    }
    case 'fastify-bare':
    case 'fastify-ours':
    case 'fastify-ours-dedupe-off':
    case 'fastify-ours-duplicate': {
      const { default: Fastify } = await import('fastify')
      const app = Fastify()
      if (name === 'fastify-bare') app.post(path, async () => ({ ok: true }))
      else {
        const { blingerWebhooks: fastifyWebhooks } = await import('@blinger-webhooks/fastify')
        const hooks = fastifyWebhooks({ ...oursOptions(name), path })
        hooks.on('message.incoming', listener)
        await app.register(hooks)
      }
      await app.ready()
      // What Fastify's own server calls per request.
      return app.routing
    }
    case 'hono-bare':
    case 'hono-ours': {
      const { Hono } = await import('hono')
      const { getRequestListener } = await import('@hono/node-server')
      const app = new Hono()
      if (name === 'hono-bare')
        app.post(path, async (c) => {
          await c.req.json()
          return c.json({ ok: true })
        })
      else {
        const { blingerWebhooks: fetchWebhooks } = await import('@blinger-webhooks/fetch')
        const hooks = fetchWebhooks(oursOptions(name))
        hooks.on('message.incoming', listener)
        app.all(path, (c) => hooks(c.req.raw))
      }
      return getRequestListener(app.fetch)
    }
    case 'octokit': {
      const { createNodeMiddleware, Webhooks } = await import('@octokit/webhooks')
      const webhooks = new Webhooks({ secret: octokitSecret })
      webhooks.on('issues', noop)
      const middleware = createNodeMiddleware(webhooks, { path })
      return (req, res) => void middleware(req, res)
    }
  }
}

const names = (process.argv[2] ?? '').split(',') as ServerCase[]
const routes = new Map<string, RequestListener>()
for (const name of names) {
  if (!serverCases.includes(name)) throw new Error(`unknown case ${String(name)}`)
  routes.set(name, await start(name))
}
serve(routeServer(routes))
