import type { MessageIncomingPayload, PayloadByEventName, UserNewPayload } from '@blinger-webhooks/core'
import { describe, expectTypeOf, it } from 'vitest'
import { createPayload, type DeepPartial } from '../src/index.js'

describe('createPayload types', () => {
  it('returns the payload type of the event name', () => {
    expectTypeOf(createPayload('message.incoming')).toEqualTypeOf<MessageIncomingPayload>()
    expectTypeOf(createPayload('user.new', { user: { name: 'Ann' } })).toEqualTypeOf<UserNewPayload>()
  })

  it('rejects misspelt fields at any depth', () => {
    // @ts-expect-error: `mesage` is not a field of message
    createPayload('message.incoming', { message: { mesage: 'hi' } })
    // @ts-expect-error: top-level typo
    createPayload('message.incoming', { conversation_tokn: 'x' })
    // @ts-expect-error: typo inside a nullable object
    createPayload('message.incoming', { operator: { nme: 'Ann' } })
    // @ts-expect-error: a field of another event
    createPayload('user.new', { message: { message: 'hi' } })
  })

  it('rejects wrong value types, and undefined for a required field', () => {
    // @ts-expect-error: id is a number
    createPayload('message.incoming', { message: { id: '1' } })
    // @ts-expect-error: tags hold strings
    createPayload('message.incoming', { message: { tags: [1] } })
    // @ts-expect-error: message is required, so it cannot be removed
    createPayload('message.incoming', { message: undefined })
    // @ts-expect-error: not an event name
    createPayload('message.deleted')
  })

  it('gives arrays whole and lets optional fields be removed', () => {
    createPayload('message.incoming', { operator: undefined })
    createPayload('message.incoming', { operator: null })
    type Closed = DeepPartial<PayloadByEventName['conversation.closed']>
    expectTypeOf<NonNullable<NonNullable<Closed['conversation']>['tags']>>().toEqualTypeOf<
      PayloadByEventName['conversation.closed']['conversation']['tags']
    >()
    // @ts-expect-error: array elements are whole objects, so a partial element does not compile
    createPayload('conversation.closed', { conversation: { tags: [{ title: 'vip' }] } })
  })
})
