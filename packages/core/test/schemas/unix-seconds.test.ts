import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { conversationAssigned } from '../../src/fixtures/index.js'
import { UnixSeconds } from '../../src/schemas/unix-seconds.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

describe('UnixSeconds', () => {
  const validator = Compile(UnixSeconds)

  it.each([0, 1513351579, 4102444800])('accepts %d', (value) => {
    expect(validator.Check(value)).toBe(true)
  })

  it.each([-1, 1513351579.5, '1513351579', null, Number.NaN])('rejects %j', (value) => {
    expect(validator.Check(value)).toBe(false)
  })

  it('points at the timestamp in a payload', () => {
    const validator = ValidatorByEventName['conversation.assigned']
    for (const [value, keyword] of [
      [-1, 'minimum'],
      [1513351289.25, 'type'],
    ] as const) {
      const body = structuredClone(conversationAssigned)
      body.conversation.date_updated = value
      expect(validator.Check(body)).toBe(false)
      expect(validator.Errors(body)).toEqual([
        expect.objectContaining({ instancePath: '/conversation/date_updated', keyword }),
      ])
    }
  })
})
