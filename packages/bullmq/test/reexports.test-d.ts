import type * as core from '@blinger-webhooks/core'
import { expectTypeOf, test } from 'vitest'
import {
  type AccountTokens,
  type AckMode,
  type AnyWebhookEvent,
  type CommentIncomingPayload,
  type CommentOutgoingPayload,
  type ConversationAssignedPayload,
  type ConversationClosedPayload,
  type ConversationUnassignedPayload,
  createQueueWorker,
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
} from '../src/index.js'

test('an app names events, payloads, options and errors from this package alone', () => {
  createQueueWorker({ connection: 'redis://127.0.0.1:6390' }).on('conversation.closed', (event) => {
    expectTypeOf(event).toEqualTypeOf<WebhookEvent<'conversation.closed', string | undefined>>()
    expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
  })
  const onError: Listener<'error'> = (error) => {
    if (error instanceof WebhookError) expectTypeOf(error.code).toEqualTypeOf<WebhookErrorCode>()
  }
  expectTypeOf(onError).toBeFunction()
  expectTypeOf(WebhookError).toEqualTypeOf<typeof core.WebhookError>()
})

test("each re-exported type is core's own", () => {
  expectTypeOf<WebhookEvent>().toEqualTypeOf<core.WebhookEvent>()
  expectTypeOf<Listener<'user.new'>>().toEqualTypeOf<core.Listener<'user.new'>>()
  expectTypeOf<AccountTokens>().toEqualTypeOf<core.AccountTokens>()
  expectTypeOf<AckMode>().toEqualTypeOf<core.AckMode>()
  expectTypeOf<AnyWebhookEvent>().toEqualTypeOf<core.AnyWebhookEvent>()
  expectTypeOf<CommentIncomingPayload>().toEqualTypeOf<core.CommentIncomingPayload>()
  expectTypeOf<CommentOutgoingPayload>().toEqualTypeOf<core.CommentOutgoingPayload>()
  expectTypeOf<ConversationAssignedPayload>().toEqualTypeOf<core.ConversationAssignedPayload>()
  expectTypeOf<ConversationClosedPayload>().toEqualTypeOf<core.ConversationClosedPayload>()
  expectTypeOf<ConversationUnassignedPayload>().toEqualTypeOf<core.ConversationUnassignedPayload>()
  expectTypeOf<DeadLetter>().toEqualTypeOf<core.DeadLetter>()
  expectTypeOf<DeadLetterOptions>().toEqualTypeOf<core.DeadLetterOptions>()
  expectTypeOf<DeadLetterReason>().toEqualTypeOf<core.DeadLetterReason>()
  expectTypeOf<DedupeOptions>().toEqualTypeOf<core.DedupeOptions>()
  expectTypeOf<DedupeStore>().toEqualTypeOf<core.DedupeStore>()
  expectTypeOf<DuplicateWebhookEvent>().toEqualTypeOf<core.DuplicateWebhookEvent>()
  expectTypeOf<EventGroup>().toEqualTypeOf<core.EventGroup>()
  expectTypeOf<EventName>().toEqualTypeOf<core.EventName>()
  expectTypeOf<InvalidWebhookEvent>().toEqualTypeOf<core.InvalidWebhookEvent>()
  expectTypeOf<MessageIncomingPayload>().toEqualTypeOf<core.MessageIncomingPayload>()
  expectTypeOf<MessageOutgoingPayload>().toEqualTypeOf<core.MessageOutgoingPayload>()
  expectTypeOf<PayloadByEventName>().toEqualTypeOf<core.PayloadByEventName>()
  expectTypeOf<Receiver>().toEqualTypeOf<core.Receiver>()
  expectTypeOf<ReceiverOptions>().toEqualTypeOf<core.ReceiverOptions>()
  expectTypeOf<TokenMap>().toEqualTypeOf<core.TokenMap>()
  expectTypeOf<TokenOption>().toEqualTypeOf<core.TokenOption>()
  expectTypeOf<UnknownWebhookEvent>().toEqualTypeOf<core.UnknownWebhookEvent>()
  expectTypeOf<UserNewPayload>().toEqualTypeOf<core.UserNewPayload>()
  expectTypeOf<ValidationIssue>().toEqualTypeOf<core.ValidationIssue>()
  expectTypeOf<ValidationMode>().toEqualTypeOf<core.ValidationMode>()
  expectTypeOf<WebhookErrorCode>().toEqualTypeOf<core.WebhookErrorCode>()
  expectTypeOf<WebhookName>().toEqualTypeOf<core.WebhookName>()
})

test('payload types are types only: the schemas stay in core', () => {
  // @ts-expect-error: exported with \`type\`, so not a value here
  expectTypeOf(ConversationClosedPayload).not.toBeAny()
})
