import { afterEach, expect, test, vi } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { validatePayload } from '../../src/pipeline/validate-payload.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

// Issue 12 (D4): listing a 422's issues copied every key of every object, so an object of 400,000 junk keys
// cost about four times its parse (1.1 s against 0.29 s), and 50 such bodies at once starved real deliveries.
// The copy now holds only the keys the schemas declare; it never enumerates the object's own keys.

const sample = FixtureByEventName['user.new']

function junk(count: number): Record<string, number> {
  const keys: Record<string, number> = {}
  for (let index = 0; index < count; index++) keys[`k${index}`] = index
  return keys
}

/** Counts the own keys of every object in a value. */
function largestObject(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  const children = Object.values(value).map(largestObject)
  return Math.max(Array.isArray(value) ? 0 : Object.keys(value).length, ...children)
}

afterEach(() => {
  vi.restoreAllMocks()
})

test.each([
  ['at the top', { ...junk(200_000), ...sample, user: 'not an object' }],
  ['nested', { ...sample, user: { ...sample.user, ...junk(200_000), id: 'x' } }],
])('an object of 200,000 junk keys %s is listed from a copy of its declared keys only', (_, wide) => {
  const errors = vi.spyOn(ValidatorByEventName['user.new'], 'Errors')
  const issues = validatePayload('user.new', JSON.parse(JSON.stringify(wide)))
  expect(issues).toHaveLength(1)
  expect(errors).toHaveBeenCalledTimes(1)
  expect(largestObject(errors.mock.calls[0]?.[0])).toBeLessThanOrEqual(9) // user.new declares nine names
})

test('junk keys change no issue: the same paths and messages as without them', () => {
  const bad = { ...sample, date: 1, user: { ...sample.user, id: 'x', name: 5, avatar: [] } }
  const withJunk = { ...junk(1000), ...bad, user: { ...junk(1000), ...bad.user } }
  expect(validatePayload('user.new', withJunk)).toEqual(validatePayload('user.new', bad))
  expect(validatePayload('user.new', bad)).toEqual([
    { path: '/user/id', message: 'must be integer' },
    { path: '/user/name', message: 'must be string or null' },
    { path: '/user/avatar', message: 'must be string or null' },
  ])
})

test('a junk key named like a declared one elsewhere is still only data', () => {
  const payload = { ...sample, user: { ...sample.user, id: 'x' }, messages: 'not checked here', __proto__: 1 }
  expect(validatePayload('user.new', JSON.parse(JSON.stringify(payload)))).toEqual([
    { path: '/user/id', message: 'must be integer' },
  ])
})
