import { eventNames, PayloadSchemaByEventName } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test } from 'vitest'
import { findUnknownFields } from '../src/find-unknown-fields.js'

const copy = <T>(value: T): T => structuredClone(value)

describe('findUnknownFields', () => {
  test.each(eventNames)('finds nothing in the spec sample of %s', (name) => {
    expect(findUnknownFields(PayloadSchemaByEventName[name], FixtureByEventName[name])).toEqual([])
  })

  test('lists extra fields at the top and deep inside objects, as JSON Pointers', () => {
    const payload = { ...copy(FixtureByEventName['message.incoming']), is_bot: false }
    Object.assign(payload.message, { read: true })
    Object.assign(payload.from_user, { extra_fields: null })
    expect(findUnknownFields(PayloadSchemaByEventName['message.incoming'], payload)).toEqual([
      '/from_user/extra_fields',
      '/message/read',
      '/is_bot',
    ])
  })

  test('walks arrays item by item', () => {
    const payload = copy(FixtureByEventName['conversation.closed'])
    const [first] = payload.conversation.messages
    if (first === undefined) throw new Error('the sample has messages')
    Object.assign(first, { attachments: [] })
    payload.conversation.tags.push({ id: '2', title: 'vip', message_id: '635', color: 'red' } as never)
    expect(findUnknownFields(PayloadSchemaByEventName['conversation.closed'], payload)).toEqual([
      '/conversation/messages/0/attachments',
      `/conversation/tags/${payload.conversation.tags.length - 1}/color`,
    ])
  })

  test('walks the branch of a nullable object that the value fits', () => {
    const schema = PayloadSchemaByEventName['conversation.assigned']
    const withOperator = copy(FixtureByEventName['conversation.assigned'])
    Object.assign(withOperator.conversation, { operator: { id: 1, name: 'Ann', email: 'a@b.c', phone: '1' } })
    expect(findUnknownFields(schema, withOperator)).toEqual(['/conversation/operator/phone'])
    const nullOperator = copy(FixtureByEventName['conversation.assigned'])
    Object.assign(nullOperator.conversation, { operator: null })
    expect(findUnknownFields(schema, nullOperator)).toEqual([])
  })

  test('lists nothing where the value does not fit the schema at all: that is a validation issue', () => {
    const payload = copy(FixtureByEventName['message.incoming'])
    Object.assign(payload, { message: 'a plain string, as the old API sent' })
    expect(findUnknownFields(PayloadSchemaByEventName['message.incoming'], payload)).toEqual([])
  })

  test('escapes ~ and / in keys as RFC 6901 says', () => {
    const schema = { type: 'object', properties: {} }
    expect(findUnknownFields(schema, { 'a/b': 1, 'c~d': 2 })).toEqual(['/a~1b', '/c~0d'])
  })

  test('treats an open object as declaring every key', () => {
    expect(
      findUnknownFields({ type: 'object', properties: {}, additionalProperties: true }, { x: 1 }),
    ).toEqual([])
    expect(
      findUnknownFields({ type: 'object', properties: {}, additionalProperties: false }, { x: 1 }),
    ).toEqual(['/x'])
  })

  test('under a union of objects, lists only the fields no fitting branch declares', () => {
    const schema = {
      anyOf: [
        { type: 'object', properties: { a: {}, b: {} } },
        { type: 'object', properties: { a: {}, c: {} } },
      ],
    }
    expect(findUnknownFields(schema, { a: 1, b: 2, c: 3, d: 4 })).toEqual(['/d'])
  })

  test('merges the members of an intersection', () => {
    const schema = { allOf: [{ properties: { a: {} } }, { properties: { b: {} } }] }
    expect(findUnknownFields(schema, { a: 1, b: 2, c: 3 })).toEqual(['/c'])
  })

  test('stops at max paths', () => {
    const value = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`k${index}`, index]))
    expect(findUnknownFields({ type: 'object', properties: {} }, value, 3)).toEqual(['/k0', '/k1', '/k2'])
    expect(findUnknownFields({ type: 'object', properties: {} }, value)).toHaveLength(100)
  })
})
