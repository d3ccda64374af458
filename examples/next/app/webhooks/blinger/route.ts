import { appendFile } from 'node:fs/promises'
import { blingerWebhooks } from '@blinger-webhooks/fetch'

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

// TODO(issue 24): `hooks(request, { waitUntil: after })` once the fetch adapter takes `{ waitUntil }`, so work
// after the answer runs in `after()` from 'next/server'.
export const POST = (request: Request): Promise<Response> => hooks(request)
