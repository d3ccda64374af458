import { expect, test } from 'vitest'
import {
  EventNameByWebhook,
  eventNames,
  groupOf,
  isEventName,
  isWebhookName,
  WebhookByEventName,
} from '../../src/emitter/event-names.js'
import { EventTable } from '../../src/schemas/event-table.js'

test("the v1.0 document's eight webhooks keep their dotted names (a new event adds to them)", () => {
  expect(EventNameByWebhook).toMatchObject({
    on_conversation_unassigned: 'conversation.unassigned',
    on_conversation_assigned: 'conversation.assigned',
    on_conversation_closed: 'conversation.closed',
    on_message_incoming: 'message.incoming',
    on_message_outgoing: 'message.outgoing',
    on_comment_incoming: 'comment.incoming',
    on_comment_outgoing: 'comment.outgoing',
    on_user_new: 'user.new',
  })
})

test('every list is the table, in its order: names, the webhook map and its inverse', () => {
  expect(eventNames).toEqual(Object.keys(EventTable))
  expect(Object.keys(WebhookByEventName)).toEqual(eventNames)
  expect(Object.values(EventNameByWebhook)).toEqual(eventNames)
  for (const name of eventNames) {
    expect(EventNameByWebhook[WebhookByEventName[name]]).toBe(name)
    expect(isEventName(name)).toBe(true)
    expect(isWebhookName(WebhookByEventName[name])).toBe(true)
  }
})

test.each(eventNames)('%s: Blinger names it on_<group>_<name>', (name) => {
  expect(WebhookByEventName[name]).toBe(`on_${name.replace('.', '_')}`)
})

test('isWebhookName and isEventName ignore inherited keys', () => {
  for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
    expect(isWebhookName(key)).toBe(false)
    expect(isEventName(key)).toBe(false)
  }
})

test('groupOf takes the part before the dot', () => {
  expect(groupOf('conversation.closed')).toBe('conversation')
  expect(groupOf('user.new')).toBe('user')
})
