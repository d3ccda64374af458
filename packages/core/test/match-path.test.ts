import { expect, test } from 'vitest'
import { matchPath } from '../src/match-path.js'

test('without a path everything matches', () => {
  expect(matchPath(undefined)('/anything?x=1')).toBe(true)
})

test('matches the path, ignoring the query and a trailing slash', () => {
  const matches = matchPath('/webhooks/blinger')
  expect(matches('/webhooks/blinger')).toBe(true)
  expect(matches('/webhooks/blinger/?token=x')).toBe(true)
  expect(matches('/webhooks/blinger2')).toBe(false)
  expect(matches('/webhooks')).toBe(false)
  expect(matchPath('hooks')('/hooks')).toBe(true)
})
