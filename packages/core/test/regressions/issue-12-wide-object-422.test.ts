import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { ValidatorByEventName } from '@blinger-webhooks/core/internal'
import { afterEach, expect, test, vi } from 'vitest'
import { receiverWith } from '../helpers.js'

// Issue 12 (D4): listing a 422's issues copied every key of every object, so an object of 400,000 junk keys
// cost about four times its parse (1.1 s against 0.29 s), and 50 such bodies at once starved real deliveries.
// The copy now holds only the keys the schemas declare; it never enumerates the object's own keys.

const sample = FixtureByEventName['user.new']
const receiver = receiverWith({ dedupe: false })

/** The issues strict validation lists for a `user.new` payload, as its 422 carries them. */
async function issuesOf(payload: object) {
  return receiver.receive(payload).then(
    () => undefined,
    (error: { code?: string; issues?: readonly { path: string; message: string }[] }) => {
      expect(error.code).toBe('invalid_payload')
      return error.issues
    },
  )
}

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
])('an object of 200,000 junk keys %s is listed from a copy of its declared keys only', async (_, wide) => {
  const errors = vi.spyOn(ValidatorByEventName['user.new'], 'Errors')
  const issues = await issuesOf(JSON.parse(JSON.stringify(wide)))
  expect(issues).toHaveLength(1)
  expect(errors).toHaveBeenCalledTimes(1)
  expect(largestObject(errors.mock.calls[0]?.[0])).toBeLessThanOrEqual(9) // user.new declares nine names
})

test('junk keys change no issue: the same paths and messages as without them', async () => {
  const bad = { ...sample, date: 1, user: { ...sample.user, id: 'x', name: 5, avatar: [] } }
  const withJunk = { ...junk(1000), ...bad, user: { ...junk(1000), ...bad.user } }
  expect(await issuesOf(withJunk)).toEqual(await issuesOf(bad))
  expect(await issuesOf(bad)).toEqual([
    { path: '/user/id', message: 'must be integer' },
    { path: '/user/name', message: 'must be string or null' },
    { path: '/user/avatar', message: 'must be string or null' },
  ])
})

test('a junk key named like a declared one elsewhere is still only data', async () => {
  const payload = { ...sample, user: { ...sample.user, id: 'x' }, messages: 'not checked here', __proto__: 1 }
  expect(await issuesOf(JSON.parse(JSON.stringify(payload)))).toEqual([
    { path: '/user/id', message: 'must be integer' },
  ])
})
