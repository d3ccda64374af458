/**
 * One HTTP case, run in its own process so the load generator never shares its core:
 *   node --import tsx src/server.ts <case>
 * It listens on 127.0.0.1 on a free port and sends `{ port }` to its parent over IPC.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { octokitSecret, path, token } from './payloads.js'
import { type ServerCase, serverCases } from './server-cases.js'

const ok = JSON.stringify({ ok: true })
const noop = () => {}

// `-dedupe` keeps the default dedupe: the bench repeats one body, so after the first request every delivery
// is a duplicate and skips dispatch. Without it, dedupe is off and every request runs the whole pipeline.
function oursOptions(name: ServerCase) {
  return { token, dedupe: name.endsWith('-dedupe') }
}

async function start(name: ServerCase): Promise<Server> {
  switch (name) {
    case 'node:http-bare':
      // The floor every framework adds to: read the body, JSON.parse it, answer 200.
      return createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'))
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(ok)
        })
      })
    case 'express-bare': {
      const { default: express } = await import('express')
      const app = express()
      app.post(path, express.json(), (_req, res) => {
        res.status(200).json({ ok: true })
      })
      return createServer(app)
    }
    case 'express-ours':
    case 'express-ours-dedupe': {
      const { default: express } = await import('express')
      const { blingerWebhooks: expressWebhooks } = await import('@blinger-webhooks/express')
      const app = express()
      const hooks = expressWebhooks(oursOptions(name))
      hooks.on('message.incoming', noop)
      app.post(path, hooks)
      return createServer(app)
    }
    case 'koa-bare': {
      const { default: Koa } = await import('koa')
      const { bodyParser } = await import('@koa/bodyparser')
      const app = new Koa()
      app.use(bodyParser())
      app.use((ctx) => {
        if (ctx.method === 'POST' && ctx.path === path) ctx.body = { ok: true }
      })
      return createServer(app.callback())
    }
    case 'koa-ours':
    case 'koa-ours-dedupe': {
      const { default: Koa } = await import('koa')
      const { blingerWebhooks: koaWebhooks } = await import('@blinger-webhooks/koa')
      const app = new Koa()
      const hooks = koaWebhooks({ ...oursOptions(name), path })
      hooks.on('message.incoming', noop)
      app.use(hooks)
      return createServer(app.callback())
    }
    case 'fastify-bare':
    case 'fastify-ours':
    case 'fastify-ours-dedupe': {
      const { default: Fastify } = await import('fastify')
      const app = Fastify()
      if (name === 'fastify-bare') app.post(path, async () => ({ ok: true }))
      else {
        const { blingerWebhooks: fastifyWebhooks } = await import('@blinger-webhooks/fastify')
        const hooks = fastifyWebhooks({ ...oursOptions(name), path })
        hooks.on('message.incoming', noop)
        await app.register(hooks)
      }
      await app.ready()
      return app.server
    }
    case 'octokit': {
      const { createNodeMiddleware, Webhooks } = await import('@octokit/webhooks')
      const webhooks = new Webhooks({ secret: octokitSecret })
      webhooks.on('issues', noop)
      return createServer(createNodeMiddleware(webhooks, { path }))
    }
  }
}

const name = process.argv[2] as ServerCase
if (!serverCases.includes(name)) throw new Error(`unknown case ${String(name)}`)
const server = await start(name)
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port })
})
// The parent asks for this process's CPU time around the measured window: 'mark' starts it, 'cpu' answers.
let mark = process.cpuUsage()
process.on('message', (message: unknown) => {
  if (message === 'mark') mark = process.cpuUsage()
  else if (message === 'cpu') {
    const used = process.cpuUsage(mark)
    process.send?.({ cpuMicros: used.user + used.system })
  }
})
// The parent ends this process; if the parent dies first, the IPC channel closes and so do we.
process.on('disconnect', () => process.exit(0))
