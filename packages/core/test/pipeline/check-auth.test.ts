import * as crypto from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { createAuthCheck, presentedTokens } from '../../src/pipeline/check-auth.js'

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const request = (url: string, headers: Record<string, string> = {}) => ({ method: 'POST', url, headers })

describe('presentedTokens', () => {
  test('reads Bearer, X-Blinger-Token and every token query parameter', () => {
    expect(
      presentedTokens(
        request('/h?a=1&token=q1&token=q2', { authorization: 'Bearer b', 'x-blinger-token': 'x' }),
      ),
    ).toEqual(['b', 'x', 'q1', 'q2'])
    expect(presentedTokens(request('/h', { authorization: 'Basic abc' }))).toEqual([])
    expect(presentedTokens(request('/h?token=a%2Bb'))).toEqual(['a+b'])
  })
})

describe('createAuthCheck', () => {
  test('compares digests with timingSafeEqual against every accepted token, whatever matches', () => {
    const compare = vi.mocked(crypto.timingSafeEqual)
    compare.mockClear()
    const check = createAuthCheck(['first-token', 'second-token'])
    expect(check(request('/?token=first-token'))).toBe(true)
    // No early exit on a match: both accepted tokens were compared.
    expect(compare).toHaveBeenCalledTimes(2)
    compare.mockClear()
    expect(check(request('/?token=f'))).toBe(false)
    expect(compare).toHaveBeenCalledTimes(2)
    // Equal-length digests: a short guess is compared like a long one.
    for (const [given, expected] of compare.mock.calls)
      expect((given as Buffer).length).toBe((expected as Buffer).length)
  })

  test('accepts a request when any presented token matches', () => {
    const check = createAuthCheck(['secret'])
    expect(check(request('/?token=wrong', { 'x-blinger-token': 'secret' }))).toBe(true)
    expect(check(request('/?token=wrong', { 'x-blinger-token': 'also-wrong' }))).toBe(false)
  })
})
