import { eventNames } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { ValidatorByEventName } from '@blinger-webhooks/core/internal'
import { describe, expect, it } from 'vitest'
import { createPayload } from '../src/index.js'

describe('createPayload', () => {
  it.each(eventNames)('%s: without overrides, a fresh copy of the sample that validates', (name) => {
    const payload = createPayload(name)
    expect(payload).toEqual(FixtureByEventName[name])
    expect(payload).not.toBe(FixtureByEventName[name])
    expect(ValidatorByEventName[name].Check(payload)).toBe(true)
  })

  it('deep-merges the overrides and leaves the shared sample alone', () => {
    const before = structuredClone(FixtureByEventName['message.incoming'])
    const payload = createPayload('message.incoming', {
      message: { message: 'Hello', tags: [] },
      operator: { name: 'Ann' },
    })
    expect(payload.message).toEqual({ ...before.message, message: 'Hello', tags: [] })
    expect(payload.operator).toEqual({ id: 11, name: 'Ann', email: 'ta4@tut.by' })
    expect(payload.from_user).toEqual(before.from_user)
    expect(FixtureByEventName['message.incoming']).toEqual(before)
  })

  it('replaces arrays rather than merging them', () => {
    const payload = createPayload('conversation.closed', {
      conversation: { tags: [{ id: '1', title: 'vip', message_id: '9' }] },
    })
    expect(payload.conversation.tags).toEqual([{ id: '1', title: 'vip', message_id: '9' }])
    expect(payload.conversation.messages).toEqual(
      FixtureByEventName['conversation.closed'].conversation.messages,
    )
  })

  it('removes an optional field given as undefined, and fills a null one from an object', () => {
    const unassigned = createPayload('message.incoming', { operator: undefined })
    expect('operator' in unassigned).toBe(false)
    const assigned = createPayload('message.incoming', { operator: null })
    expect(assigned.operator).toBeNull()
  })

  it('throws, naming the failing paths, when the overrides make an invalid payload', () => {
    expect(() => createPayload('message.incoming', { message: { id: 1.5 } })).toThrow(
      /^\[@blinger-webhooks\/testing\] createPayload\('message.incoming'\): the overrides make an invalid payload: \/message\/id must be integer/,
    )
    const invalid = createPayload('message.incoming', { message: { id: 1.5 } }, { validate: false })
    expect(invalid.message.id).toBe(1.5)
  })

  it('throws on an unknown event name (JavaScript callers)', () => {
    expect(() => createPayload('message.deleted' as never)).toThrow(/Unknown event name "message.deleted"/)
  })
})
