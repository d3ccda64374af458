import { expect, test } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { validatePayload } from '../../src/pipeline/validate-payload.js'

// Issue 7 found that a 422 for a body with 500,000 bad array items took over a second of CPU, because every
// failure was listed. Failures are now listed on a copy with arrays cut to 100 items.

const closed = FixtureByEventName['conversation.closed']
const message = closed.conversation.messages[0]

test('a huge array of bad items gets at most ten issues, all within the first hundred items', () => {
  const messages = Array.from({ length: 200_000 }, () => ({ ...message, id: 'not a number' }))
  const issues = validatePayload('conversation.closed', {
    ...closed,
    conversation: { ...closed.conversation, messages },
  })
  expect(issues?.length).toBeGreaterThan(0)
  expect(issues?.length).toBeLessThanOrEqual(10)
  for (const issue of issues ?? [])
    expect(issue.path).toMatch(/^\/conversation\/messages\/([0-9]|[1-9][0-9])\/id$/)
})

test('a bad item past the first hundred is still reported, on its array', () => {
  const messages = Array.from({ length: 500 }, (_, index) => ({
    ...message,
    id: index === 300 ? 'x' : index,
  }))
  expect(
    validatePayload('conversation.closed', { ...closed, conversation: { ...closed.conversation, messages } }),
  ).toEqual([
    { path: '/conversation/messages', message: 'has an item after the first 100 that does not match' },
  ])
})

test('the same issues as before for ordinary payloads, and none for valid ones', () => {
  expect(validatePayload('conversation.closed', closed)).toBeUndefined()
  const long = Array.from({ length: 150 }, (_, index) => ({ ...message, id: index }))
  expect(
    validatePayload('conversation.closed', {
      ...closed,
      conversation: { ...closed.conversation, messages: long },
    }),
  ).toBeUndefined()
  expect(
    validatePayload('message.incoming', { ...FixtureByEventName['message.incoming'], message: 'old api' }),
  ).toEqual([{ path: '/message', message: 'must be object' }])
})

test('with several arrays cut, each is named as a suspect; an undeclared array is never one', () => {
  const messages = Array.from({ length: 500 }, (_, index) => ({
    ...message,
    id: index === 300 ? 'x' : index,
  }))
  const tag = closed.conversation.tags[0]
  const payload = {
    ...closed,
    conversation: { ...closed.conversation, messages, tags: Array(150).fill(tag) },
    // Issue 12: undeclared keys can never fail (the schemas allow extra properties), so the copy drops them.
    'a/b~c': Array(150).fill(0),
  }
  const suspect = 'may have an item after the first 100 that does not match'
  expect(validatePayload('conversation.closed', payload)).toEqual([
    { path: '/conversation/messages', message: suspect },
    { path: '/conversation/tags', message: suspect },
  ])
})
