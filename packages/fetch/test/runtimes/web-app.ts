// The Worker the no-Node test serves, bundled by web-platform.test.ts with the `workerd` condition: the fetch
// adapter on /webhooks/blinger, a typed handler for each of the eight webhooks, and GET /seen for what they saw.
import { eventNames } from '@blinger-webhooks/core'
import { blingerWebhooks } from '../../src/index.js'
import { token } from './token.js'

const seen: string[] = []
const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })
for (const name of eventNames) {
  hooks.on(name, (event) => {
    seen.push(`${event.name} ${event.id.length}`)
  })
}

export default {
  fetch(request: Request): Promise<Response> | Response {
    const { pathname } = new URL(request.url)
    if (pathname === '/seen') return Response.json(seen)
    if (pathname === '/file-dead-letters') return fileDeadLetters()
    return hooks(request)
  },
}

/** What creating a handler with file dead letters does here: the Web build has no file system. */
function fileDeadLetters(): Response {
  try {
    blingerWebhooks({ token, deadLetters: { path: 'dead-letters.ndjson' } })
    return Response.json({ created: true })
  } catch (error) {
    return Response.json({ created: false, message: (error as Error).message })
  }
}
