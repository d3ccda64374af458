import { describe, expect, test } from 'vitest'
import { closestName, didYouMean } from '../../src/errors/closest-name.js'

const options = ['token', 'limit', 'handlerTimeout', 'readTimeout', 'deadLetters', 'dedupe']

describe('closestName()', () => {
  test('finds the same name in another case first', () => {
    expect(closestName('handlertimeout', options)).toBe('handlerTimeout')
    expect(closestName('deadletters', options)).toBe('deadLetters')
    expect(closestName('TOKEN', options)).toBe('token')
  })

  test('finds a name a few edits away', () => {
    expect(closestName('conversation.close', ['conversation.closed', 'conversation.assigned'])).toBe(
      'conversation.closed',
    )
    expect(closestName('handlerTimout', options)).toBe('handlerTimeout')
    expect(closestName('dedup', options)).toBe('dedupe')
  })

  test('suggests nothing for an unrelated word', () => {
    expect(closestName('port', options)).toBeUndefined()
    expect(closestName('somethingElseEntirely', options)).toBeUndefined()
  })
})

test('didYouMean() is the tail of an error, or nothing', () => {
  expect(didYouMean('limt', options)).toBe(' Did you mean `limit`?')
  expect(didYouMean('port', options)).toBe('')
})
