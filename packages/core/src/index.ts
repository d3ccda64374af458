/** @module @blinger-webhooks/core: Blinger webhook schemas, a typed emitter and the framework-neutral receiving pipeline. */
export { attachEmitter, type WithEmitter } from './attach-emitter.js'
export type { AccountOf, AccountTokens, TokenMap, TokenOption, TokensFor } from './auth/token-option.js'
export { createReceiver, type ReceiveOptions, type ReceiveResult, type Receiver } from './create-receiver.js'
export {
  createDeadLetters,
  type DeadLetterOptions,
  type DeadLetterSink,
  type DeadLetters,
} from './dead-letters/create-dead-letters.js'
export type { DeadLetter, DeadLetterReason } from './dead-letters/dead-letter.js'
export { deadLetterOf } from './dead-letters/dead-letter-of.js'
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
  WebhookByEventName,
  type WebhookName,
} from './emitter/event-names.js'
export type { EmitterMethods } from './emitter/typed-emitter.js'
export { WebhookError, type WebhookErrorCode } from './errors/webhook-error.js'
export { matchPath } from './match-path.js'
export {
  createNdjsonWriter,
  type NdjsonStream,
  type NdjsonTarget,
  type NdjsonWriter,
  type NdjsonWriterOptions,
} from './ndjson/create-ndjson-writer.js'
export type { RecordedDelivery } from './ndjson/recorded-delivery.js'
export type { BodyStream, HandleRequest, HandleResponse } from './pipeline/handle-types.js'
export { notFoundResponse } from './pipeline/respond.js'
export { validatePayload } from './pipeline/validate-payload.js'
export { redactToken } from './redact-token.js'
export type { AckMode, DedupeOptions, ReceiverOptions, ValidationMode } from './resolve-options.js'
export { type AdapterReceiverOptions, resolveReceiver } from './resolve-receiver.js'
export * from './schemas/index.js'
export type { DedupeStore } from './store/dedupe-store.js'
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store.js'
