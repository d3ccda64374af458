import { describeConformance } from '@blinger-webhooks/conformance'
import { bodyParser as koaBodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'
import { blingerWebhooks } from '../src/index.js'

describeConformance('koa', (options, { bodyParser }) => {
  const app = new Koa()
  app.silent = true // the body parser's own 400 would otherwise be logged
  const router = new Router()
  router.get('/health', (ctx) => {
    ctx.body = 'ok'
  })
  router.post('/other', (ctx) => {
    ctx.body = { received: ctx.request.body ?? null }
  })
  if (bodyParser) app.use(koaBodyParser())
  const hooks = blingerWebhooks({ ...options, path: '/webhooks/blinger' })
  app.use(hooks).use(router.routes())
  return { server: app.callback(), hooks }
})
