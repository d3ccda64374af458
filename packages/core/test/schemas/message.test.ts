import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { messageIncoming, messageOutgoing } from '../../src/fixtures/index.js'
import { Message } from '../../src/schemas/message.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const validator = ValidatorByEventName['message.incoming']
const withMessage = (changes: Record<string, unknown>) => {
  const body = structuredClone(messageIncoming)
  return { ...body, message: { ...body.message, ...changes } }
}

describe('Message', () => {
  it('fits both samples', () => {
    const message = Compile(Message)
    expect(message.Check(messageIncoming.message)).toBe(true)
    expect(message.Check(messageOutgoing.message)).toBe(true)
  })

  it('accepts Cyrillic and emoji text, and a file or image whose text is its URL', () => {
    expect(validator.Check(withMessage({ message: 'Здравствуйте! Хочу заказать 🍕🍕 и 🥤' }))).toBe(true)
    expect(validator.Check(withMessage({ message: '👨‍👩‍👧‍👦🏳️‍🌈' }))).toBe(true)
    expect(
      validator.Check(withMessage({ type: 'image', message: 'https://app.blinger.io/files/1.jpg' })),
    ).toBe(true)
    expect(validator.Check(withMessage({ message: '' }))).toBe(true)
  })

  it('rejects the old API, where message was a plain string, at /message', () => {
    const old = { ...structuredClone(messageIncoming), message: 'test' }
    expect(validator.Errors(old)).toEqual([
      expect.objectContaining({ instancePath: '/message', keyword: 'type' }),
    ])
  })
})

describe('message tags', () => {
  it('is an array of strings, possibly empty or non-Latin', () => {
    expect(messageIncoming.message.tags).toEqual(['tag1', 'tag2'])
    expect(validator.Check(withMessage({ tags: [] }))).toBe(true)
    expect(validator.Check(withMessage({ tags: ['клиент', '⭐ vip'] }))).toBe(true)
  })

  it.each([
    ['an array of numbers', [1, 2], '/message/tags/0'],
    ['conversation-style objects', [{ id: 'id', title: 'test1', message_id: '546' }], '/message/tags/0'],
    ['JSON text', '["tag1"]', '/message/tags'],
    ['null', null, '/message/tags'],
  ])('rejects %s at its instance path', (_, tags, path) => {
    expect(validator.Errors(withMessage({ tags })).map((error) => error.instancePath)).toContain(path)
  })

  it('is required', () => {
    const { tags: _, ...message } = structuredClone(messageIncoming.message)
    expect(validator.Errors({ ...messageIncoming, message })).toEqual([
      expect.objectContaining({ instancePath: '/message', keyword: 'required' }),
    ])
  })
})

describe('message payloads', () => {
  it('reject a string conversation_id and a missing conversation_token', () => {
    const body = structuredClone(messageOutgoing)
    const outgoing = ValidatorByEventName['message.outgoing']
    expect(outgoing.Errors({ ...body, conversation_id: '173' })).toEqual([
      expect.objectContaining({ instancePath: '/conversation_id' }),
    ])
    const { conversation_token: _, ...untokened } = body
    expect(outgoing.Check(untokened)).toBe(false)
  })

  it('keep unknown fields at the top level and nested', () => {
    const body = { ...withMessage({ reply_to: { id: 1 } }), disable_webhook: false, trace: ['a'] }
    const snapshot = structuredClone(body)
    expect(validator.Check(body)).toBe(true)
    expect(validator.Errors(body)).toEqual([])
    expect(body).toEqual(snapshot)
  })
})
