import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { conversationClosed } from '../../src/fixtures/index.js'
import { BlingerUser } from '../../src/schemas/blinger-user.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const [message] = conversationClosed.conversation.messages
if (!message) throw new Error('the closed conversation fixture has a message')

describe('BlingerUser', () => {
  const validator = Compile(BlingerUser)

  it('accepts both records of the sample: tags "[]" with null name, avatar and service_user_id, and tags null', () => {
    expect(message.fromBlingerUser.tags).toBe('[]')
    expect(message.toBlingerUser.tags).toBeNull()
    expect(validator.Check(message.fromBlingerUser)).toBe(true)
    expect(validator.Check(message.toBlingerUser)).toBe(true)
  })

  it('accepts tags as any JSON text', () => {
    expect(validator.Check({ ...message.toBlingerUser, tags: '["vip","спам"]' })).toBe(true)
  })

  it('rejects tags as an already decoded array, at its instance path', () => {
    const body = structuredClone(conversationClosed)
    const bad = {
      ...body,
      conversation: {
        ...body.conversation,
        messages: [{ ...message, fromBlingerUser: { ...message.fromBlingerUser, tags: [] } }],
      },
    }
    const paths = ValidatorByEventName['conversation.closed'].Errors(bad).map((error) => error.instancePath)
    expect(paths).toContain('/conversation/messages/0/fromBlingerUser/tags')
  })

  it('rejects is_active as a string', () => {
    expect(validator.Check({ ...message.toBlingerUser, is_active: 'true' })).toBe(false)
  })
})
