import { describe, expect, it } from 'vitest'
import { conversationClosed } from '../../src/fixtures/index.js'
import type { ClosedConversationMessage } from '../../src/schemas/closed-conversation-message.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const validator = ValidatorByEventName['conversation.closed']
const paths = (value: unknown) => validator.Errors(value).map((error) => error.instancePath)
const withConversation = (changes: Record<string, unknown>) => {
  const body = structuredClone(conversationClosed)
  return { ...body, conversation: { ...body.conversation, ...changes } }
}
const [sampleMessage] = conversationClosed.conversation.messages
if (!sampleMessage) throw new Error('the closed conversation fixture has a message')

describe('close_group', () => {
  it('is the object {"title":"Duplicate"} in the sample', () => {
    expect(conversationClosed.conversation.close_group).toEqual({ title: 'Duplicate' })
  })

  it('may be absent or null', () => {
    const { close_group: _, ...conversation } = structuredClone(conversationClosed.conversation)
    expect(validator.Check({ ...conversationClosed, conversation })).toBe(true)
    expect(validator.Check(withConversation({ close_group: null }))).toBe(true)
  })

  it('rejects the title alone or the PHP array read as a list', () => {
    expect(paths(withConversation({ close_group: 'Duplicate' }))).toContain('/conversation/close_group')
    expect(validator.Check(withConversation({ close_group: ['Duplicate'] }))).toBe(false)
    expect(paths(withConversation({ close_group: { title: 7 } }))).toContain(
      '/conversation/close_group/title',
    )
  })
})

describe('tags', () => {
  it('is an array of {id, title, message_id} strings', () => {
    expect(conversationClosed.conversation.tags).toHaveLength(3)
    expect(validator.Check(withConversation({ tags: [] }))).toBe(true)
  })

  it('rejects tags as message-style strings or JSON text, and a numeric message_id', () => {
    expect(paths(withConversation({ tags: ['test1'] }))).toContain('/conversation/tags/0')
    expect(paths(withConversation({ tags: '[]' }))).toContain('/conversation/tags')
    expect(paths(withConversation({ tags: [{ id: 'id', title: 'test1', message_id: 634 }] }))).toContain(
      '/conversation/tags/0/message_id',
    )
  })
})

describe('messages', () => {
  it('accepts 500 messages of mixed types and languages', () => {
    const texts = ['123', 'Привет! Как дела?', 'Thanks 👍🏽🎉', 'https://app.blinger.io/files/photo.jpg']
    const messages: ClosedConversationMessage[] = Array.from({ length: 500 }, (_, i) => ({
      ...structuredClone(sampleMessage),
      id: 634 + i,
      blinger_message_id: 4717 + i,
      type: i % 4 === 3 ? 'image' : 'text',
      message: texts[i % 4] ?? '',
      is_outgoing: i % 2 === 0,
      to_user_name: i % 2 === 0 ? 'Yuri Dzabaev' : null,
    }))
    expect(validator.Check(withConversation({ messages }))).toBe(true)
  })

  it('accepts an empty history and a null to_user_name', () => {
    expect(validator.Check(withConversation({ messages: [] }))).toBe(true)
    expect(validator.Check(withConversation({ messages: [{ ...sampleMessage, to_user_name: null }] }))).toBe(
      true,
    )
  })

  it('rejects a bad message at its index', () => {
    const messages = [sampleMessage, { ...sampleMessage, is_outgoing: 1 }]
    expect(paths(withConversation({ messages }))).toEqual(['/conversation/messages/1/is_outgoing'])
  })

  it('requires messages and tags on a closed conversation', () => {
    const { messages: _m, tags: _t, ...conversation } = structuredClone(conversationClosed.conversation)
    expect(validator.Errors({ ...conversationClosed, conversation })).toContainEqual(
      expect.objectContaining({ instancePath: '/conversation', keyword: 'required' }),
    )
  })

  it('keeps unknown fields at every level', () => {
    const body = withConversation({
      group_id: 3,
      is_group_closed: true,
      messages: [
        {
          ...sampleMessage,
          attachments: [],
          fromBlingerUser: { ...sampleMessage.fromBlingerUser, custom_name: 'Бот' },
        },
      ],
    })
    const snapshot = structuredClone(body)
    expect(validator.Check(body)).toBe(true)
    expect(validator.Errors(body)).toEqual([])
    expect(body).toEqual(snapshot)
  })
})
