import { createServer } from 'node:http'
import { blingerWebhooks } from '@blinger-webhooks/node'

const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN, path: '/webhooks/blinger' })
hooks.on('user.new', ({ payload }) => console.log(payload.user.name))
createServer(hooks).listen(3000) // other paths get a 404 JSON answer, or go to next() where the server passes one
