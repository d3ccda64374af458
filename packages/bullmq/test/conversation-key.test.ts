import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test } from 'vitest'
import { conversationKeyOf, orderKeyOf } from '../src/conversation-key.js'

const eventOf = (name: string, payload: object, account?: string) =>
  ({ name, payload, account, id: 'id', receivedAt: new Date() }) as unknown as AnyWebhookEvent

describe('conversationKeyOf', () => {
  test('conversation events key by conversation.id, message and comment events by conversation_id', () => {
    const closed = FixtureByEventName['conversation.closed']
    const incoming = FixtureByEventName['message.incoming']
    const comment = FixtureByEventName['comment.outgoing']
    expect(conversationKeyOf(eventOf('conversation.closed', closed))).toBe(String(closed.conversation.id))
    expect(conversationKeyOf(eventOf('message.incoming', incoming))).toBe(String(incoming.conversation_id))
    expect(conversationKeyOf(eventOf('comment.outgoing', comment))).toBe(String(comment.conversation_id))
    // One id space: a message and the conversation it belongs to share a key.
    const assigned = FixtureByEventName['conversation.assigned']
    const same = { ...incoming, conversation_id: assigned.conversation.id }
    expect(conversationKeyOf(eventOf('message.incoming', same))).toBe(
      conversationKeyOf(eventOf('conversation.assigned', assigned)),
    )
  })

  test('user.new and unknown webhooks have no key', () => {
    expect(conversationKeyOf(eventOf('user.new', FixtureByEventName['user.new']))).toBeUndefined()
    expect(conversationKeyOf(eventOf('unknown', { webhook: 'on_x', conversation_id: 1 }))).toBeUndefined()
  })

  test('a named account goes before the id, so two accounts’ conversation 7 are two keys', () => {
    const incoming = { ...FixtureByEventName['message.incoming'], conversation_id: 7 }
    expect(conversationKeyOf(eventOf('message.incoming', incoming, 'acme'))).toBe('acme/7')
    expect(conversationKeyOf(eventOf('message.incoming', incoming, 'globex'))).toBe('globex/7')
  })
})

test('orderKeyOf takes a function for another key', () => {
  const event = eventOf('user.new', FixtureByEventName['user.new'])
  expect(orderKeyOf(event, (each) => `user/${each.name}`)).toBe('user/user.new')
  expect(orderKeyOf(event, () => undefined)).toBeUndefined()
  expect(orderKeyOf(event, 'conversation')).toBeUndefined()
})
