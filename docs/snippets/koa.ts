import Koa from 'koa'
import { bodyParser } from '@koa/bodyparser'
import { blingerWebhooks } from '@blinger-webhooks/koa'

const app = new Koa()
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, path: '/webhooks/blinger' })

app.use(hooks) // first: answers only POST /webhooks/blinger; a request without the token gets 401 unread
app.use(bodyParser()) // the app's other routes keep their parser; the receiver reads its own body

hooks.on('message.incoming', ({ payload }) => {
  console.log(`${payload.from_user.title ?? 'A client'} wrote: ${payload.message.message}`)
})
app.listen(3000)
