import { expect, test } from 'vitest'
import {
  EventNameByWebhook,
  eventNames,
  groupOf,
  isWebhookName,
  WebhookByEventName,
} from '../../src/emitter/event-names.js'

test('the table maps the eight v1.0 webhooks to dotted names', () => {
  expect(EventNameByWebhook).toEqual({
    on_conversation_unassigned: 'conversation.unassigned',
    on_conversation_assigned: 'conversation.assigned',
    on_conversation_closed: 'conversation.closed',
    on_message_incoming: 'message.incoming',
    on_message_outgoing: 'message.outgoing',
    on_comment_incoming: 'comment.incoming',
    on_comment_outgoing: 'comment.outgoing',
    on_user_new: 'user.new',
  })
  expect(eventNames).toHaveLength(8)
  expect(WebhookByEventName['user.new']).toBe('on_user_new')
})

test('isWebhookName ignores inherited keys', () => {
  expect(isWebhookName('on_user_new')).toBe(true)
  expect(isWebhookName('toString')).toBe(false)
  expect(isWebhookName('__proto__')).toBe(false)
})

test('groupOf takes the part before the dot', () => {
  expect(groupOf('conversation.closed')).toBe('conversation')
  expect(groupOf('user.new')).toBe('user')
})
