// The app each runtime serves, bundled by runtimes.test.ts into one ESM file: the fetch adapter on
// /webhooks/blinger, typed handlers that note what they saw, and GET /seen to read those notes back.
import { blingerWebhooks } from '../../src/index.js'
import { token } from './token.js'

const seen: string[] = []
const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })
hooks.on('message.incoming', (event) => {
  seen.push(`message.incoming ${event.payload.message.message}`)
})
hooks.on('user.new', (event) => {
  seen.push(`user.new ${event.payload.user.name}`)
})

export default {
  fetch(request: Request): Promise<Response> | Response {
    if (new URL(request.url).pathname === '/seen') return Response.json(seen)
    return hooks(request)
  },
}
