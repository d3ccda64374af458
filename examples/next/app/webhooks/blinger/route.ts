import { appendFile } from 'node:fs/promises'
import { blingerWebhooks } from '@blinger-webhooks/fetch'
import { after } from 'next/server'

// Read at module level, as a Next app does: `next build` evaluates this module without the runtime secret.
const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })

hooks.on('conversation.closed', (event) => {
  // event.payload is typed as ConversationClosedPayload
  console.log(`conversation ${event.payload.conversation.id} closed`)
})
hooks.on('*', async (event) => {
  // The example's test names a file to see that deliveries reached the typed handlers.
  const file = process.env.BLINGER_EVENTS_FILE
  if (file !== undefined) await appendFile(file, `${event.name}\n`)
})

// `after` keeps work that outlives the answer (handlers past handlerTimeout, or all of them with
// ack: 'immediately') running once the response is sent.
export const POST = (request: Request): Promise<Response> => hooks(request, { waitUntil: after })
