import { blingerWebhooks } from '@blinger-webhooks/express'
import type { Express } from 'express'

declare const token: string
declare const app: Express
declare function archive(conversation: unknown): Promise<void>

import { createQueueReceiver, createQueueWorker } from '@blinger-webhooks/bullmq'

// The HTTP process: any adapter mounts it through its `receiver` option.
const receiver = createQueueReceiver({
  token,
  connection: process.env.REDIS_URL ?? 'redis://localhost:6379',
  attempts: 5,
})
app.post('/webhooks/blinger', blingerWebhooks({ receiver }))

// Any number of worker processes: the same typing as in-process handlers.
const worker = createQueueWorker({
  connection: process.env.REDIS_URL ?? 'redis://localhost:6379',
  concurrency: 10,
})
worker.on('conversation.closed', async (event) => archive(event.payload.conversation))
process.on('SIGTERM', () => worker.close())
