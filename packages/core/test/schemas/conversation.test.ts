import { describe, expect, it } from 'vitest'
import { conversationAssigned, conversationUnassigned } from '../../src/fixtures/index.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const validator = ValidatorByEventName['conversation.assigned']
const withConversation = (changes: Record<string, unknown>) => {
  const body = structuredClone(conversationAssigned)
  return { ...body, conversation: { ...body.conversation, ...changes } }
}

describe('Conversation', () => {
  it('passes as sent, assigned and unassigned', () => {
    expect(validator.Check(conversationAssigned)).toBe(true)
    expect(ValidatorByEventName['conversation.unassigned'].Check(conversationUnassigned)).toBe(true)
  })

  it('accepts a from_user without livechat fields, or with them null', () => {
    const { page_title: _t, page_url: _u, ...fromUser } = conversationAssigned.conversation.from_user
    expect(validator.Check(withConversation({ from_user: fromUser }))).toBe(true)
    expect(
      validator.Check(withConversation({ from_user: { ...fromUser, page_title: null, page_url: null } })),
    ).toBe(true)
  })

  it('accepts any channel and status, and what the REST API adds', () => {
    const body = withConversation({
      application: 'whatsapp',
      status: 'archived',
      close_group: null,
      group_id: 4,
      last_message_date: 1513351289,
    })
    const snapshot = structuredClone(body)
    expect(validator.Check(body)).toBe(true)
    expect(validator.Errors(body)).toEqual([])
    expect(body).toEqual(snapshot)
  })

  it('rejects a string id at /conversation/id', () => {
    expect(validator.Errors(withConversation({ id: '180' }))).toEqual([
      expect.objectContaining({ instancePath: '/conversation/id', keyword: 'type' }),
    ])
  })

  it('rejects a missing conversation at the root', () => {
    const { conversation: _, ...body } = structuredClone(conversationAssigned)
    expect(validator.Errors(body)).toEqual([
      expect.objectContaining({
        instancePath: '',
        keyword: 'required',
        params: { requiredProperties: ['conversation'] },
      }),
    ])
  })

  it('rejects millisecond-like floats and negative timestamps', () => {
    expect(validator.Check(withConversation({ date_created: -1513350728 }))).toBe(false)
    expect(validator.Check(withConversation({ date_created: 1513350728.123 }))).toBe(false)
    expect(validator.Check(withConversation({ date_created: '1513350728' }))).toBe(false)
  })
})
