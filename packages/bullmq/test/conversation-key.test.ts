import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { conversationKey } from '@blinger-webhooks/core/internal'
import { expect, test } from 'vitest'
import { orderKeyOf } from '../src/conversation-key.js'

const eventOf = (name: string, payload: object, account?: string) =>
  ({ name, payload, account, id: 'id', receivedAt: new Date() }) as unknown as AnyWebhookEvent

test("queue mode keys a conversation as the in-process order does (core's conversationKey)", () => {
  const incoming = { ...FixtureByEventName['message.incoming'], conversation_id: 7 }
  const closed = FixtureByEventName['conversation.closed']
  for (const event of [
    eventOf('message.incoming', incoming, 'acme'),
    eventOf('conversation.closed', closed),
    eventOf('user.new', FixtureByEventName['user.new']),
  ])
    expect(orderKeyOf(event, 'conversation')).toBe(conversationKey(event))
  expect(orderKeyOf(eventOf('message.incoming', incoming, 'acme'), 'conversation')).toBe('acme/7')
})

test('orderKeyOf takes a function for another key', () => {
  const event = eventOf('user.new', FixtureByEventName['user.new'])
  expect(orderKeyOf(event, (each) => `user/${each.name}`)).toBe('user/user.new')
  expect(orderKeyOf(event, () => undefined)).toBeUndefined()
  expect(orderKeyOf(event, 'conversation')).toBeUndefined()
})
