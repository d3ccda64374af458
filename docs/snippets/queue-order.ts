declare const token: string
declare const crm: {
  appendMessage(conversationId: number, message: string): Promise<void>
  closeTicket(conversationId: number): Promise<void>
}

import { createQueueReceiver, createQueueWorker } from '@blinger-webhooks/bullmq'

// The HTTP process numbers each conversation's deliveries in the order they arrive.
const receiver = createQueueReceiver({
  token,
  connection: process.env.REDIS_URL ?? 'redis://localhost:6379',
  order: 'conversation',
})

// Every worker honours that order (its default): one job per conversation at a time, whatever the concurrency,
// so a ticket is never closed before the message that came just before the close was written to it.
const worker = createQueueWorker({
  connection: process.env.REDIS_URL ?? 'redis://localhost:6379',
  concurrency: 10,
})
worker.on('message.incoming', async (event) =>
  crm.appendMessage(event.payload.conversation_id, event.payload.message.message),
)
worker.on('conversation.closed', async (event) => crm.closeTicket(event.payload.conversation.id))
export { receiver }
