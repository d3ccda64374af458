/**
 * @module @blinger-webhooks/core: what an app needs to receive Blinger webhooks without an adapter, or to name
 * their events, payloads and options. The payload schemas are values (TypeBox); the parts they are built from
 * are exported as types only. Adapter authors have `@blinger-webhooks/core/adapter`.
 */
export type {
  AlarmMessage,
  AlarmName,
  ResumedAlarm,
  SilenceAlarm,
  UnauthorizedAlarm,
} from './alerts/alarm-events.js'
export type { AlertOptions, UnauthorizedAlertOptions } from './alerts/alert-options.js'
export type { WithEmitter } from './attach-emitter.js'
export type { AccountOf, AccountTokens, TokenMap, TokenOption, TokensFor } from './auth/token-option.js'
export { createReceiver, type ReceiveOptions, type ReceiveResult, type Receiver } from './create-receiver.js'
export type { DeadLetterOptions, DeadLetters } from './dead-letters/create-dead-letters.js'
export type { DeadLetter, DeadLetterReason } from './dead-letters/dead-letter.js'
export { defaultLimit } from './default-limit.js'
export { channelNames } from './diagnostics/channel-names.js'
export type {
  DeliveryContext,
  DeliveryOutcome,
  EnqueueMessage,
  HandlersContext,
  JobContext,
} from './diagnostics/diagnostics-contexts.js'
export type {
  AnyAccount,
  AnyWebhookEvent,
  DuplicateWebhookEvent,
  EmitterEventName,
  EventMap,
  InvalidWebhookEvent,
  Listener,
  UnknownWebhookEvent,
  ValidationIssue,
  WebhookEvent,
} from './emitter/event-map.js'
export {
  type EventGroup,
  type EventName,
  EventNameByWebhook,
  type EventsInGroup,
  eventNames,
  groupOf,
  isEventName,
  isWebhookName,
  WebhookByEventName,
  type WebhookName,
} from './emitter/event-names.js'
export type { EmitterMethods } from './emitter/typed-emitter.js'
export { WebhookError, type WebhookErrorCode } from './errors/webhook-error.js'
export type { NdjsonFileTarget, NdjsonStream, NdjsonTarget } from './ndjson/create-ndjson-writer.js'
export type { RecordedDelivery } from './ndjson/recorded-delivery.js'
export type { OrderLimitsOption, OrderOption } from './order/resolve-order.js'
export type { HandleResponse } from './pipeline/handle-types.js'
export type { ResponseErrorCode } from './pipeline/outcomes.js'
export { validatePayload } from './pipeline/validate-payload.js'
export type { AckMode, DedupeOptions, ReceiverOptions, ValidationMode } from './receiver-options.js'
export { redactToken } from './redact-token.js'
export type { Application } from './schemas/application.js'
export type { BlingerUser } from './schemas/blinger-user.js'
export type { ChatUser } from './schemas/chat-user.js'
export type { CloseGroup } from './schemas/close-group.js'
export type { ClosedConversation } from './schemas/closed-conversation.js'
export type { ClosedConversationMessage } from './schemas/closed-conversation-message.js'
export type { Comment } from './schemas/comment.js'
export { CommentIncomingPayload } from './schemas/comment-incoming-payload.js'
export { CommentOutgoingPayload } from './schemas/comment-outgoing-payload.js'
export type { Conversation } from './schemas/conversation.js'
export { ConversationAssignedPayload } from './schemas/conversation-assigned-payload.js'
export { ConversationClosedPayload } from './schemas/conversation-closed-payload.js'
export type { ConversationTag } from './schemas/conversation-tag.js'
export { ConversationUnassignedPayload } from './schemas/conversation-unassigned-payload.js'
export { createJsonSchema, type JsonSchemaDocument } from './schemas/create-json-schema.js'
export type { Message } from './schemas/message.js'
export { MessageIncomingPayload } from './schemas/message-incoming-payload.js'
export { MessageOutgoingPayload } from './schemas/message-outgoing-payload.js'
export type { Operator } from './schemas/operator.js'
export { type PayloadByEventName, PayloadSchemaByEventName } from './schemas/payload-schema-by-event-name.js'
export type { UnixSeconds } from './schemas/unix-seconds.js'
export type { User } from './schemas/user.js'
export { UserNewPayload } from './schemas/user-new-payload.js'
export type { DedupeStore } from './store/dedupe-store.js'
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store.js'
