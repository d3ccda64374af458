/**
 * @module @blinger-webhooks/bullmq: queue mode. The receiver validates, dedupes and enqueues on BullMQ, then
 * answers; typed handlers run in workers, with retries.
 */

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'
export {
  createQueueReceiver,
  type QueueReceiver,
  type QueueReceiverCloseOptions,
  type QueueReceiverOptions,
} from './create-queue-receiver.js'
export {
  createQueueWorker,
  type QueueWorker,
  type QueueWorkerCloseOptions,
  type QueueWorkerOptions,
} from './create-queue-worker.js'
export { defaultQueueName, type QueueJobData } from './queue-job-data.js'
