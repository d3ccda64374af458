import { blingerWebhooks } from '@blinger-webhooks/express'
import express from 'express'

const app = express()
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
app.post('/webhooks/blinger', hooks) // before express.json(): the token is checked before the body is read
app.use(express.json()) // the app's other routes keep their parser

hooks.on('conversation.closed', ({ payload }) => {
  const { conversation } = payload // typed, and checked against the schema at run time
  console.log(`#${conversation.id} closed by ${conversation.operator?.name ?? 'nobody'}`)
})

app.listen(Number(process.env.PORT ?? 3000))
