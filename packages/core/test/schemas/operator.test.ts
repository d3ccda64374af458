import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { Operator } from '../../src/schemas/operator.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const unassigned = { id: null, name: null, email: null }

describe('Operator', () => {
  const validator = Compile(Operator)

  it('accepts an assigned operator and one with every field null', () => {
    expect(validator.Check({ id: 11, name: 'Supervisor', email: 'ta4@tut.by' })).toBe(true)
    expect(validator.Check(unassigned)).toBe(true)
  })

  it('requires the three fields, each an integer id or string, or null', () => {
    expect(validator.Check({ id: null, name: null })).toBe(false)
    expect(validator.Check({ id: '11', name: 'Supervisor', email: 'ta4@tut.by' })).toBe(false)
    expect(validator.Check({ id: 11.5, name: 'Supervisor', email: 'ta4@tut.by' })).toBe(false)
  })
})

describe('operator on message and comment payloads', () => {
  const names = ['message.incoming', 'message.outgoing', 'comment.incoming', 'comment.outgoing'] as const

  it.each(names)('%s: all fields null (not assigned), null, or absent', (name) => {
    const validator = ValidatorByEventName[name]
    const { operator: _, ...withoutOperator } = structuredClone(FixtureByEventName[name])
    expect(validator.Check({ ...withoutOperator, operator: unassigned })).toBe(true)
    expect(validator.Check({ ...withoutOperator, operator: null })).toBe(true)
    expect(validator.Check(withoutOperator)).toBe(true)
  })

  it.each(names)('%s: a wrong operator id fails at /operator/id', (name) => {
    const body = { ...structuredClone(FixtureByEventName[name]), operator: { ...unassigned, id: '11' } }
    const paths = ValidatorByEventName[name].Errors(body).map((error) => error.instancePath)
    expect(paths).toContain('/operator/id')
  })
})

describe('operator on conversations', () => {
  const names = ['conversation.unassigned', 'conversation.assigned', 'conversation.closed'] as const

  it('is absent in the unassigned sample', () => {
    expect('operator' in FixtureByEventName['conversation.unassigned'].conversation).toBe(false)
  })

  it.each(names)('%s: passes absent, null, or with every field null', (name) => {
    const validator = ValidatorByEventName[name]
    const body = structuredClone(FixtureByEventName[name])
    const { operator: _, ...conversation } = body.conversation
    expect(validator.Check({ ...body, conversation })).toBe(true)
    expect(validator.Check({ ...body, conversation: { ...conversation, operator: null } })).toBe(true)
    expect(validator.Check({ ...body, conversation: { ...conversation, operator: unassigned } })).toBe(true)
  })
})
