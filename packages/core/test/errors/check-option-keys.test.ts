import { describe, expect, test } from 'vitest'
import { checkOptionKeys } from '../../src/errors/check-option-keys.js'
import { knownOptionKeys } from '../../src/receiver-options.js'

describe('checkOptionKeys()', () => {
  test.each([
    ['nothing', undefined, /got nothing/],
    ['null', null, /got null/],
    ['a string', 'a-token-by-itself', /got a value of type string/],
    ['an array', ['a-token'], /got a value of type object/],
  ])('refuses %s as options and says to pass { token }', (_, given, got) => {
    expect(() => checkOptionKeys(given, knownOptionKeys)).toThrow(got)
    expect(() => checkOptionKeys(given, knownOptionKeys)).toThrow(
      /Pass \{ token: process\.env\.BLINGER_TOKEN \}.*\{ allowUnauthenticated: true \}/,
    )
  })

  test('never prints a value it refuses', () => {
    let message = ''
    try {
      checkOptionKeys('S3CRET-0123456789', knownOptionKeys)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toContain('S3CRET')
  })

  test('names an unknown key and the closest known one', () => {
    expect(() => checkOptionKeys({ handlertimeout: 1 }, knownOptionKeys)).toThrow(
      /Unknown option `handlertimeout`\. Did you mean `handlerTimeout`\?/,
    )
    expect(() => checkOptionKeys({ deadletters: false }, knownOptionKeys)).toThrow(
      /Did you mean `deadLetters`\?/,
    )
    expect(() => checkOptionKeys({ port: 3000 }, knownOptionKeys)).toThrow(
      /Unknown option `port`\. Known options: token, /,
    )
  })

  test('accepts every receiver option and the adapters’ own', () => {
    const all = Object.fromEntries(Object.keys(knownOptionKeys).map((key) => [key, undefined]))
    expect(() => checkOptionKeys(all, knownOptionKeys)).not.toThrow()
    expect(Object.keys(knownOptionKeys)).toEqual(
      expect.arrayContaining(['path', 'receiver', 'handlerDeadline', 'handlerTimeout']),
    )
  })

  test('names a nested key with its parent', () => {
    expect(() => checkOptionKeys({ tll: 1 }, { ttl: true, max: true }, 'dedupe')).toThrow(
      /Unknown option `dedupe\.tll`\. Did you mean `ttl`\? Known dedupe options: ttl, max\./,
    )
    expect(() => checkOptionKeys(5, { ttl: true }, 'dedupe')).toThrow(/dedupe must be an object, got 5/)
  })
})
