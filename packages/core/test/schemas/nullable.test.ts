import Type from 'typebox'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { Nullable } from '../../src/schemas/nullable.js'

describe('Nullable', () => {
  const validator = Compile(Nullable(Type.Integer()))

  it('accepts the schema or null', () => {
    expect(validator.Check(1)).toBe(true)
    expect(validator.Check(null)).toBe(true)
  })

  it('rejects undefined and other types', () => {
    expect(validator.Check(undefined)).toBe(false)
    expect(validator.Check('1')).toBe(false)
    expect(validator.Check(1.5)).toBe(false)
  })
})
