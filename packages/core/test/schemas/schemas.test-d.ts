import { describe, expectTypeOf, it } from 'vitest'
import type { EventName } from '../../src/emitter/event-names.js'
import type { BlingerUser } from '../../src/schemas/blinger-user.js'
import type { ChatUser } from '../../src/schemas/chat-user.js'
import type { CloseGroup } from '../../src/schemas/close-group.js'
import type { ClosedConversation } from '../../src/schemas/closed-conversation.js'
import type { CommentIncomingPayload } from '../../src/schemas/comment-incoming-payload.js'
import type { ConversationAssignedPayload } from '../../src/schemas/conversation-assigned-payload.js'
import type { ConversationClosedPayload } from '../../src/schemas/conversation-closed-payload.js'
import type { ConversationTag } from '../../src/schemas/conversation-tag.js'
import type { MessageIncomingPayload } from '../../src/schemas/message-incoming-payload.js'
import type { Operator } from '../../src/schemas/operator.js'
import type { PayloadByEventName } from '../../src/schemas/payload-schema-by-event-name.js'
import type { UserNewPayload } from '../../src/schemas/user-new-payload.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

describe('static types', () => {
  it('keeps each shape of tags', () => {
    expectTypeOf<MessageIncomingPayload['message']['tags']>().toEqualTypeOf<string[]>()
    expectTypeOf<ClosedConversation['tags']>().toEqualTypeOf<ConversationTag[]>()
    expectTypeOf<ConversationTag>().toEqualTypeOf<{ id: string; title: string; message_id: string }>()
    expectTypeOf<BlingerUser['tags']>().toEqualTypeOf<string | null>()
  })

  it('makes operator fields nullable and operator optional', () => {
    expectTypeOf<Operator>().toEqualTypeOf<{ id: number | null; name: string | null; email: string | null }>()
    expectTypeOf<Pick<MessageIncomingPayload, 'operator'>>().toEqualTypeOf<{ operator?: Operator | null }>()
    expectTypeOf<Pick<ConversationAssignedPayload['conversation'], 'operator'>>().toEqualTypeOf<{
      operator?: Operator | null
    }>()
    const { operator: _, ...withoutOperator } = {} as MessageIncomingPayload
    expectTypeOf(withoutOperator).toExtend<MessageIncomingPayload>()
  })

  it('makes livechat fields optional and nullable; title, avatar and service_user_id nullable', () => {
    expectTypeOf<Pick<ChatUser, 'page_url' | 'page_title'>>().toEqualTypeOf<{
      page_title?: string | null
      page_url?: string | null
    }>()
    expectTypeOf<ChatUser['title']>().toEqualTypeOf<string | null>()
    expectTypeOf<ChatUser['avatar']>().toEqualTypeOf<string | null>()
    expectTypeOf<ChatUser['service_user_id']>().toEqualTypeOf<string | null>()
    expectTypeOf<ChatUser['date_created']>().toEqualTypeOf<number>()
    const { page_title: _t, page_url: _u, ...withoutLivechat } = {} as ChatUser
    expectTypeOf(withoutLivechat).toExtend<ChatUser>()
  })

  it('makes close_group optional and nullable', () => {
    expectTypeOf<Pick<ConversationClosedPayload['conversation'], 'close_group'>>().toEqualTypeOf<{
      close_group?: CloseGroup | null
    }>()
  })

  it('types webhook as its literal', () => {
    expectTypeOf<CommentIncomingPayload['webhook']>().toEqualTypeOf<'on_comment_incoming'>()
    expectTypeOf<PayloadByEventName['message.incoming']['webhook']>().toEqualTypeOf<'on_message_incoming'>()
  })

  it('maps event names to payload types', () => {
    expectTypeOf<PayloadByEventName['user.new']>().toEqualTypeOf<UserNewPayload>()
    expectTypeOf<PayloadByEventName['conversation.closed']>().toEqualTypeOf<ConversationClosedPayload>()
    expectTypeOf<keyof PayloadByEventName>().toEqualTypeOf<EventName>()
  })

  it('narrows with Check, for a literal and for a generic event name', () => {
    const value: unknown = {}
    if (ValidatorByEventName['message.incoming'].Check(value)) {
      expectTypeOf(value).toEqualTypeOf<MessageIncomingPayload>()
    }
    function check<K extends EventName>(name: K, body: unknown): PayloadByEventName[K] | undefined {
      return ValidatorByEventName[name].Check(body) ? body : undefined
    }
    expectTypeOf(check('user.new', value)).toEqualTypeOf<UserNewPayload | undefined>()
  })
})
