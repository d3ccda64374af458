import * as crypto from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { createAccountCheck } from '../../src/auth/create-account-check.js'
import { resolveAccounts } from '../../src/auth/resolve-accounts.js'

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>()
  return { ...actual, hash: vi.fn(actual.hash), timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const request = (url: string, headers: Record<string, string> = {}) => ({ method: 'POST', url, headers })
const checkOf = (token: Parameters<typeof resolveAccounts>[0]) => {
  const accounts = resolveAccounts(token)
  if (accounts === undefined) throw new Error('no accounts')
  return createAccountCheck(accounts)
}

describe('createAccountCheck', () => {
  test('finds the account of each token of a map, and refuses the rest', () => {
    const check = checkOf({ acme: 'acme-token', globex: ['globex-new', 'globex-old'] })
    expect(check(request('/?token=acme-token'))?.account).toBe('acme')
    expect(check(request('/', { authorization: 'Bearer globex-old' }))?.account).toBe('globex')
    expect(check(request('/', { 'x-blinger-token': 'globex-new' }))?.account).toBe('globex')
    expect(check(request('/?token=acme-toke'))).toBeUndefined()
    expect(check(request('/?token=acme-token-and-more'))).toBeUndefined()
    expect(check(request('/'))).toBeUndefined()
  })

  test('the first presented token that matches decides; a wrong one before it does not refuse', () => {
    const check = checkOf({ acme: 'acme-token', globex: 'globex-token' })
    expect(check(request('/?token=globex-token', { authorization: 'Bearer nope' }))?.account).toBe('globex')
  })

  test('one hash per presented token, however many accounts: a lookup, not a scan', () => {
    const hash = vi.mocked(crypto.hash)
    const compare = vi.mocked(crypto.timingSafeEqual)
    const map = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`client-${i}`, `token-${i}`]))
    const check = checkOf(map)
    hash.mockClear()
    compare.mockClear()
    expect(check(request('/?token=token-999'))?.account).toBe('client-999')
    expect(check(request('/?token=token-x'))).toBeUndefined()
    expect(hash).toHaveBeenCalledTimes(2)
    expect(compare).not.toHaveBeenCalled()
  })

  test('digests are keyed with a random key per receiver', () => {
    const hash = vi.mocked(crypto.hash)
    const a = checkOf({ acme: 'same', globex: 'other' })
    const b = checkOf({ acme: 'same', globex: 'other' })
    hash.mockClear()
    a(request('/?token=same'))
    b(request('/?token=same'))
    const [first, second] = hash.mock.calls.map((call) => String(call[1]))
    expect(first?.endsWith('same')).toBe(true)
    expect(first?.length).toBeGreaterThan('same'.length + 16)
    expect(first).not.toBe(second)
  })

  test('a single token is compared in constant time and has no account', () => {
    const compare = vi.mocked(crypto.timingSafeEqual)
    compare.mockClear()
    const check = checkOf('only-token')
    expect(check(request('/?token=only-token'))).toEqual({ account: undefined })
    expect(check(request('/?token=only-tokem'))).toBeUndefined()
    expect(compare).toHaveBeenCalledTimes(2)
  })

  test('a map of one account with one token uses the comparison too, and keeps its name', () => {
    expect(checkOf({ acme: 'acme-token' })(request('/?token=acme-token'))?.account).toBe('acme')
  })
})
