import { expect, test } from 'vitest'
import { checkEventName } from '../../src/emitter/check-event-name.js'
import { eventNames } from '../../src/emitter/event-names.js'

test('accepts the eight names, their groups, the lifecycle events, unknown and *', () => {
  for (const name of [
    ...eventNames,
    'conversation',
    'message',
    'comment',
    'user',
    'invalid',
    'duplicate',
    'error',
    'unknown',
    '*',
  ])
    expect(() => checkEventName(name)).not.toThrow()
})

test('refuses any other name with the closest one', () => {
  expect(() => checkEventName('conversation.close')).toThrow(
    /No event is named "conversation\.close"\. Did you mean `conversation\.closed`\?/,
  )
  expect(() => checkEventName('Message.Incoming')).toThrow(/Did you mean `message\.incoming`\?/)
  expect(() => checkEventName('errors')).toThrow(/Did you mean `error`\?/)
  expect(() => checkEventName('on_message_incoming')).toThrow(/Listen to one of: conversation\.unassigned,/)
  expect(() => checkEventName(Symbol('x'))).toThrow(/No event is named a symbol/)
})
