/**
 * The work side of queue mode: takes jobs the receivers stored and runs the typed handlers. A handler that
 * throws is retried with backoff (5 attempts by default); a job that fails for good stays in BullMQ's failed set.
 */
import { createQueueWorker } from '@blinger-webhooks/bullmq'

const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390'
const worker = createQueueWorker({ connection, concurrency: Number(process.env.CONCURRENCY ?? 5) })

worker.on('message.incoming', async (event) => {
  const { from_user, message } = event.payload
  console.log(`[worker] ${from_user.title ?? 'someone'} wrote on ${message.application}: ${message.message}`)
})

worker.on('user.new', async (event) => {
  // Slow work belongs here, not in the receiver: Blinger already has its 200.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  console.log(
    `[worker] ${event.payload.user.name ?? 'a new user'} (${event.payload.user.application}) added to the CRM`,
  )
})

worker.on('conversation.closed', async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  console.log(`[worker] conversation ${event.payload.conversation.id} closed; transcript saved`)
})

worker.on('error', (error) => {
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  console.error(`[worker] ${error.code}: ${error.message}${cause}`)
})

// Lets running jobs finish; a job cut short by a kill is run again by another worker once its lock expires.
const stop = () => worker.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
console.log('Worker waiting for jobs')
