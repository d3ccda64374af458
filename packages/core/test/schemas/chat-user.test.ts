import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { conversationUnassigned, FixtureByEventName, messageIncoming } from '../../src/fixtures/index.js'
import { ChatUser } from '../../src/schemas/chat-user.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

describe('ChatUser', () => {
  const validator = Compile(ChatUser)
  const livechat = messageIncoming.from_user
  const { page_title: _title, page_url: _url, ...notLivechat } = livechat

  it('fits every from_user and to_user of the samples', () => {
    expect(validator.Check(conversationUnassigned.conversation.from_user)).toBe(true)
    for (const name of [
      'message.incoming',
      'message.outgoing',
      'comment.incoming',
      'comment.outgoing',
    ] as const) {
      expect(validator.Check(FixtureByEventName[name].from_user)).toBe(true)
      expect(validator.Check(FixtureByEventName[name].to_user)).toBe(true)
    }
  })

  it('accepts livechat fields absent, present, or null (as the REST API sends page_url)', () => {
    expect(validator.Check(notLivechat)).toBe(true)
    expect(validator.Check(livechat)).toBe(true)
    expect(validator.Check({ ...notLivechat, page_title: null, page_url: null })).toBe(true)
  })

  it('accepts a null title, avatar and service_user_id', () => {
    expect(validator.Check({ ...livechat, title: null, avatar: null, service_user_id: null })).toBe(true)
  })

  it('accepts any role, status and application, and keeps unknown fields', () => {
    const user = {
      ...livechat,
      role: 'bot',
      status: 'disabled',
      application: 'whatsapp',
      custom_name: 'Юрий 🙂',
      extra_fields: null,
    }
    expect(validator.Check(user)).toBe(true)
    expect(validator.Parse(user)).toEqual(user)
  })

  it('rejects a wrong shape with the nested instance path', () => {
    const body = structuredClone(messageIncoming)
    const validator = ValidatorByEventName['message.incoming']
    const paths = (value: unknown) => validator.Errors(value).map((error) => error.instancePath)
    expect(paths({ ...body, to_user: { ...body.to_user, user_id: '542' } })).toContain('/to_user/user_id')
    expect(paths({ ...body, from_user: { ...body.from_user, page_url: 42 } })).toContain(
      '/from_user/page_url',
    )
    const { title: _, ...untitled } = body.from_user
    expect(validator.Errors({ ...body, from_user: untitled })).toContainEqual(
      expect.objectContaining({ instancePath: '/from_user', keyword: 'required' }),
    )
  })
})
