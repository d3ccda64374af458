/**
 * @module @blinger-webhooks/bullmq: queue mode. The receiver validates, dedupes and enqueues on BullMQ, then
 * answers; typed handlers run in workers, with retries.
 */

// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export {
  type AccountTokens,
  type AckMode,
  type AnyWebhookEvent,
  type CommentIncomingPayload,
  type CommentOutgoingPayload,
  type ConversationAssignedPayload,
  type ConversationClosedPayload,
  type ConversationUnassignedPayload,
  type DeadLetter,
  type DeadLetterOptions,
  type DeadLetterReason,
  type DedupeOptions,
  type DedupeStore,
  type DuplicateWebhookEvent,
  type EventGroup,
  type EventName,
  type InvalidWebhookEvent,
  type Listener,
  type MessageIncomingPayload,
  type MessageOutgoingPayload,
  type PayloadByEventName,
  type Receiver,
  type ReceiverOptions,
  type TokenMap,
  type TokenOption,
  type UnknownWebhookEvent,
  type UserNewPayload,
  type ValidationIssue,
  type ValidationMode,
  WebhookError,
  type WebhookErrorCode,
  type WebhookEvent,
  type WebhookName,
} from '@blinger-webhooks/core'
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
