import { describe, expect, test } from 'vitest'
import { resolveAccounts } from '../../src/auth/resolve-accounts.js'

describe('resolveAccounts', () => {
  test('a string or an array is one unnamed account; a map names each', () => {
    expect([...(resolveAccounts('a') ?? [])]).toEqual([['a', undefined]])
    expect([...(resolveAccounts(['a', 'b']) ?? [])]).toEqual([
      ['a', undefined],
      ['b', undefined],
    ])
    expect([...(resolveAccounts({ acme: 'a', globex: ['b', 'c'] }) ?? [])]).toEqual([
      ['a', 'acme'],
      ['b', 'globex'],
      ['c', 'globex'],
    ])
    expect(resolveAccounts(undefined)).toBeUndefined()
    expect(resolveAccounts([])).toBeUndefined()
    expect(resolveAccounts({})).toBeUndefined()
  })

  test('refuses an account without a token, naming the account and never a token', () => {
    expect(() => resolveAccounts({ acme: undefined })).toThrow(/account "acme".*environment variable/)
    expect(() => resolveAccounts({ acme: [] })).toThrow(/"acme" has no token/)
    expect(() => resolveAccounts({ acme: ['secret-a', ''] })).toThrow(/"acme"/)
  })

  test('refuses two accounts sharing a token, without quoting it', () => {
    const share = () => resolveAccounts({ acme: 'shared-secret', globex: ['x', 'shared-secret'] })
    expect(share).toThrow(/share a token/)
    expect(share).not.toThrow(/shared-secret/)
  })

  test('refuses account names that cannot go into an id or a job id', () => {
    for (const name of ['', 'a:b', 'a/b', 'a b', 'x'.repeat(65)])
      expect(() => resolveAccounts({ [name]: 't' })).toThrow(/Account names/)
    expect(() => resolveAccounts(42 as never)).toThrow(/token must be/)
  })
})
