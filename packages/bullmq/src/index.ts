/**
 * @module @blinger-webhooks/bullmq: queue mode. The receiver validates, dedupes and enqueues on BullMQ, then
 * answers; typed handlers run in workers, with retries.
 */
export {
  createQueueReceiver,
  type QueueReceiver,
  type QueueReceiverCloseOptions,
  type QueueReceiverOptions,
} from './create-queue-receiver.js'
export {
  createQueueWorker,
  createWorker,
  type QueueWorker,
  type QueueWorkerCloseOptions,
  type QueueWorkerOptions,
} from './create-queue-worker.js'
export { defaultQueueName, type QueueJobData } from './queue-job-data.js'
