import { blingerWebhooks } from '@blinger-webhooks/express'
import express from 'express'

declare const token: string
/** The help desk's CRM client: each call takes a while, and stops when its signal aborts. */
declare const crm: {
  addNote(ticket: number, text: string, options: { signal: AbortSignal }): Promise<void>
  closeTicket(ticket: number, options: { signal: AbortSignal }): Promise<void>
}

// One conversation's events are handled one after another, in the order Blinger sent them.
const hooks = blingerWebhooks({ token, order: 'conversation' })

hooks.on('message.incoming', async (event) => {
  const { conversation_id, message } = event.payload
  await crm.addNote(conversation_id, message.message, { signal: event.signal }) // 300 ms on a good day
})
// Starts only once the note above is written, even when the close arrives 50 ms after the message.
hooks.on('conversation.closed', async (event) => {
  await crm.closeTicket(event.payload.conversation.id, { signal: event.signal })
})

const app = express()
app.post('/webhooks/blinger', hooks)
app.listen(3000)

// Another key: one customer's incoming messages in order across their conversations, with smaller caps.
export const perCustomer = blingerWebhooks({
  token,
  order: (event) =>
    event.name === 'message.incoming' ? `customer-${event.payload.from_user_id}` : undefined,
  orderLimits: { perKey: 20, total: 2_000 },
})
