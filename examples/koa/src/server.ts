import { blingerWebhooks } from '@blinger-webhooks/koa'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}

const app = new Koa()
const router = new Router()
const hooks = blingerWebhooks({ token })

// The receiver works with or without a body parser before it. Raise its limit if you mount one app-wide:
// closed conversations with long histories are bigger than the 1 MB default.
app.use(bodyParser({ jsonLimit: '5mb' }))
router.post('/webhooks/blinger', hooks)
router.get('/health', (ctx) => {
  ctx.body = { ok: true }
})
app.use(router.routes()).use(router.allowedMethods())

hooks
  .on('message.incoming', ({ payload }) => {
    console.log(`${payload.from_user.title ?? 'A client'} wrote: ${payload.message.message}`)
  })
  .on('conversation.closed', ({ payload }) => {
    const { conversation } = payload
    console.log(`#${conversation.id} closed by ${conversation.operator?.name ?? 'nobody'}`)
  })
  .on('error', (error) => {
    console.error(error)
  })

const port = Number(process.env.PORT ?? 3000)
app.listen(port, () => {
  console.log(`Listening on http://localhost:${port}/webhooks/blinger?token=…`)
})
