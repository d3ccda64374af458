import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test } from 'vitest'
import { eventNames } from '../../src/emitter/event-names.js'
import { conversationKey } from '../../src/order/conversation-key.js'

const eventOf = (name: string, payload: object, account?: string) =>
  ({ name, payload, account }) as unknown as AnyWebhookEvent

describe('conversationKey', () => {
  test('each of the eight events: conversation.id, conversation_id (one id space), none for user.new', () => {
    const keys = Object.fromEntries(
      eventNames.map((name) => [name, conversationKey(eventOf(name, FixtureByEventName[name]))]),
    )
    expect(keys).toEqual({
      'conversation.unassigned': String(FixtureByEventName['conversation.unassigned'].conversation.id),
      'conversation.assigned': String(FixtureByEventName['conversation.assigned'].conversation.id),
      'conversation.closed': String(FixtureByEventName['conversation.closed'].conversation.id),
      'message.incoming': String(FixtureByEventName['message.incoming'].conversation_id),
      'message.outgoing': String(FixtureByEventName['message.outgoing'].conversation_id),
      'comment.incoming': String(FixtureByEventName['comment.incoming'].conversation_id),
      'comment.outgoing': String(FixtureByEventName['comment.outgoing'].conversation_id),
      'user.new': undefined,
    })
    // `conversation_id` is a conversation's `id`: the message of conversation 173 and its close share a key.
    expect(keys['message.incoming']).toBe('173')
    const closed = FixtureByEventName['conversation.closed']
    const close173 = { ...closed, conversation: { ...closed.conversation, id: 173 } }
    expect(conversationKey(eventOf('conversation.closed', close173))).toBe('173')
  })

  test('prefixed by the account, so two accounts with the same id do not wait for each other', () => {
    const payload = FixtureByEventName['message.incoming']
    expect(conversationKey(eventOf('message.incoming', payload, 'acme'))).toBe('acme/173')
    expect(conversationKey(eventOf('message.incoming', payload, 'globex'))).toBe('globex/173')
  })

  test('unknown webhooks and payloads without the id (lenient, off) have no key', () => {
    expect(conversationKey(eventOf('unknown', { webhook: 'on_new', conversation_id: 1 }))).toBeUndefined()
    expect(conversationKey(eventOf('message.incoming', { webhook: 'on_message_incoming' }))).toBeUndefined()
    expect(conversationKey(eventOf('conversation.closed', { conversation: null }))).toBeUndefined()
    expect(conversationKey(eventOf('message.incoming', { conversation_id: { id: 1 } }))).toBeUndefined()
  })
})
