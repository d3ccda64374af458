import { describe, expect, it } from 'vitest'
import { userNew } from '../../src/fixtures/index.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const validator = ValidatorByEventName['user.new']
const withUser = (changes: Record<string, unknown>) => ({ ...userNew, user: { ...userNew.user, ...changes } })

describe('User', () => {
  it('accepts a null name, avatar and service_user_id, as on Blinger user records', () => {
    expect(validator.Check(withUser({ name: null, avatar: null, service_user_id: null }))).toBe(true)
  })

  it('accepts any channel and unknown fields', () => {
    expect(
      validator.Check(withUser({ application: 'livechat', custom_name: 'Юра 😀', extra_fields: null })),
    ).toBe(true)
  })

  it('rejects a string blinger_user_id and a missing user', () => {
    expect(validator.Errors(withUser({ blinger_user_id: '374' }))).toEqual([
      expect.objectContaining({ instancePath: '/user/blinger_user_id' }),
    ])
    expect(validator.Check({ webhook: 'on_user_new' })).toBe(false)
  })
})
