// The app each runtime serves, bundled by runtimes.test.ts into one ESM file: the fetch adapter on
// /webhooks/blinger, typed handlers that note what they saw, and GET /seen to read those notes back; and on
// /webhooks/later, `ack: 'immediately'` with a handler that outlives the answer, noted on GET /later once it
// finished.
import { blingerWebhooks, type WaitUntilContext } from '../../src/index.js'
import { token } from './token.js'

const seen: string[] = []
const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })
hooks.on('message.incoming', (event) => {
  seen.push(`message.incoming ${event.payload.message.message}`)
})
hooks.on('user.new', (event) => {
  seen.push(`user.new ${event.payload.user.name}`)
})

const finished: string[] = []
const later = blingerWebhooks({ token, path: '/webhooks/later', ack: 'immediately' })
later.on('message.incoming', async (event) => {
  // Read before the answer, so it would see the runtime closing the request after it.
  const { signal } = event
  await new Promise((resolve) => setTimeout(resolve, 200))
  finished.push(`${event.name} finished, signal ${signal.aborted ? 'aborted' : 'not aborted'}`)
})

export default {
  // Workers call it with (request, env, ctx); Bun with (request, server) and Deno with (request, info), which
  // the adapter must tell from a context: only workerd gets one here.
  fetch(request: Request, _env?: unknown, context?: WaitUntilContext): Promise<Response> | Response {
    const { pathname } = new URL(request.url)
    if (pathname === '/seen') return Response.json(seen)
    if (pathname === '/later') return Response.json(finished)
    if (pathname === '/webhooks/later') return later(request, context)
    return hooks(request)
  },
}
