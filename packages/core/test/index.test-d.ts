import { describe, expectTypeOf, test } from 'vitest'
import { FixtureByEventName } from '../src/fixtures/index.js'
import {
  type AnyWebhookEvent,
  type ConversationClosedPayload,
  createReceiver,
  type DuplicateWebhookEvent,
  type EventGroup,
  type EventName,
  type HandleResponse,
  type InvalidWebhookEvent,
  type MessageIncomingPayload,
  type MessageOutgoingPayload,
  type ReceiveResult,
  type ResponseErrorCode,
  type UnknownWebhookEvent,
  type WebhookError,
  type WebhookEvent,
} from '../src/index.js'

const receiver = createReceiver({ token: 't' })

describe('the public API', () => {
  test('event names narrow the listener argument', () => {
    receiver.on('conversation.closed', (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<ConversationClosedPayload>()
      expectTypeOf(event.name).toEqualTypeOf<'conversation.closed'>()
      expectTypeOf(event.webhook).toEqualTypeOf<'on_conversation_closed'>()
      expectTypeOf(event.id).toBeString()
      expectTypeOf(event.receivedAt).toEqualTypeOf<Date>()
      expectTypeOf(event.signal).toEqualTypeOf<AbortSignal>()
    })
    receiver.once('message.incoming', async (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<MessageIncomingPayload>()
      expectTypeOf(event.payload.message.tags).toEqualTypeOf<string[]>()
    })
  })

  test('a group gets the union of its events, narrowed by name', () => {
    receiver.on('message', (event) => {
      expectTypeOf(event.name).toEqualTypeOf<'message.incoming' | 'message.outgoing'>()
      if (event.name === 'message.outgoing')
        expectTypeOf(event.payload).toEqualTypeOf<MessageOutgoingPayload>()
    })
    expectTypeOf<EventGroup>().toEqualTypeOf<'conversation' | 'message' | 'comment' | 'user'>()
  })

  test('*, unknown and the lifecycle events', () => {
    receiver.on('*', (event) => {
      expectTypeOf(event).toEqualTypeOf<AnyWebhookEvent<undefined>>()
      if (event.name === 'unknown') expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<undefined>>()
      else expectTypeOf(event).toEqualTypeOf<WebhookEvent<EventName, undefined>>()
    })
    receiver.on('unknown', (event) => expectTypeOf(event.webhook).toBeString())
    receiver.on('invalid', (event) => expectTypeOf(event).toEqualTypeOf<InvalidWebhookEvent<undefined>>())
    receiver.on('duplicate', (event) => expectTypeOf(event).toEqualTypeOf<DuplicateWebhookEvent<undefined>>())
    receiver.on('error', (error) => expectTypeOf(error).toEqualTypeOf<WebhookError>())
  })

  test('names outside the table do not compile, nor do wrong payload reads', () => {
    // @ts-expect-error: not an event name
    receiver.on('conversation.deleted', () => {})
    receiver.on('user.new', (event) => {
      // @ts-expect-error: user.new has no conversation
      event.payload.conversation
    })
    // @ts-expect-error: token must be a string or strings
    createReceiver({ token: 1 })
  })

  test('on/once/off chain; handle and receive are typed', () => {
    expectTypeOf(receiver.on('user.new', () => {}).off('user.new')).toEqualTypeOf(receiver)
    expectTypeOf(receiver.handle).returns.resolves.toEqualTypeOf<HandleResponse>()
    expectTypeOf(receiver.receive).returns.resolves.toEqualTypeOf<ReceiveResult<undefined>>()
  })

  test('fixtures are typed by event name', () => {
    expectTypeOf(FixtureByEventName['conversation.closed']).toEqualTypeOf<ConversationClosedPayload>()
    expectTypeOf<keyof typeof FixtureByEventName>().toEqualTypeOf<EventName>()
  })
})

test('response error codes are a closed vocabulary', () => {
  expectTypeOf<'store_unavailable'>().toExtend<ResponseErrorCode>()
  // @ts-expect-error: store_failed is a WebhookError code, never a response's `error`
  expectTypeOf<'store_failed'>().toExtend<ResponseErrorCode>()
})
