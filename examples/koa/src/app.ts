import { blingerWebhooks } from '@blinger-webhooks/koa'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'

export interface AppOptions {
  /** The secret in the URL you register with Blinger. */
  token: string
  /** Where the handlers write what they received. */
  log?: (line: string) => void
}

/** The example app: the Blinger receiver at /webhooks/blinger, and a JSON route of the app's own. */
export function createApp({ token, log = console.log }: AppOptions) {
  const app = new Koa()
  const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })

  // The receiver goes before the body parser: it checks the token before it reads a byte, so a request
  // without it gets 401 and a closed connection. Behind an app-wide parser the body would be read (up to
  // the parser's limit, with no read timeout) before anyone looked at the token.
  app.use(hooks)
  app.use(bodyParser())

  const router = new Router()
  router.get('/health', (ctx) => {
    ctx.body = { ok: true }
  })
  router.post('/notes', (ctx) => {
    ctx.body = { received: ctx.request.body }
  })
  app.use(router.routes()).use(router.allowedMethods())

  hooks
    .on('message.incoming', ({ payload }) => {
      log(`${payload.from_user.title ?? 'A client'} wrote: ${payload.message.message}`)
    })
    .on('user.new', ({ payload }) => {
      log(`new client ${payload.user.name ?? `#${payload.user.id}`} via ${payload.user.application}`)
    })
    .on('conversation.closed', ({ payload }) => {
      const { conversation } = payload
      log(`#${conversation.id} closed by ${conversation.operator?.name ?? 'nobody'}`)
    })
    .on('error', (error) => {
      console.error(error)
    })

  return { app, hooks }
}
