import express from 'express'
import { blingerWebhooks } from '@blinger-webhooks/express'

const app = express()
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
app.post('/webhooks/blinger', hooks) // first: before any body parser, so the token is checked before a byte is read
app.use(express.json()) // the app's other routes keep their parser; the receiver reads its own body

hooks
  .on('message.incoming', ({ payload }) => {
    console.log(
      `${payload.from_user.title ?? 'A client'} wrote via ${payload.message.application}: ${payload.message.message}`,
    )
  })
  .on('conversation.closed', ({ payload }) => {
    const { conversation } = payload
    console.log(
      `#${conversation.id} closed by ${conversation.operator?.name ?? 'nobody'}, group ${conversation.close_group?.title}`,
    )
  })
  .on('error', (error) => console.error(error)) // a failing handler lands here; Blinger gets a 500

app.listen(3000)
