import type { EventName } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { receiverWith } from '../helpers.js'

// Issue 7 found that a 422 for a body with 500,000 bad array items took over a second of CPU, because every
// failure was listed. Failures are now listed on a copy with arrays cut to 100 items.

const closed = FixtureByEventName['conversation.closed']
const message = closed.conversation.messages[0]
const receiver = receiverWith({ dedupe: false })

/** The issues strict validation lists for `payload` sent as the `name` webhook, as a 422 carries them; `undefined` when it is valid. */
async function issuesOf(name: EventName, payload: object) {
  const { webhook } = FixtureByEventName[name]
  return receiver.receive({ ...payload, webhook }).then(
    () => undefined,
    (error: { code?: string; issues?: readonly { path: string; message: string }[] }) => {
      expect(error.code).toBe('invalid_payload')
      return error.issues
    },
  )
}

test('a huge array of bad items gets at most ten issues, all within the first hundred items', async () => {
  // 20,000 rather than the report's 500,000: receive() hashes the whole payload for its id, and listing every
  // failure, the defect, would still give 20,000 issues.
  const messages = Array.from({ length: 20_000 }, () => ({ ...message, id: 'not a number' }))
  const issues = await issuesOf('conversation.closed', {
    ...closed,
    conversation: { ...closed.conversation, messages },
  })
  expect(issues?.length).toBeGreaterThan(0)
  expect(issues?.length).toBeLessThanOrEqual(10)
  for (const issue of issues ?? [])
    expect(issue.path).toMatch(/^\/conversation\/messages\/([0-9]|[1-9][0-9])\/id$/)
})

test('a bad item past the first hundred is still reported, on its array', async () => {
  const messages = Array.from({ length: 500 }, (_, index) => ({
    ...message,
    id: index === 300 ? 'x' : index,
  }))
  expect(
    await issuesOf('conversation.closed', { ...closed, conversation: { ...closed.conversation, messages } }),
  ).toEqual([
    { path: '/conversation/messages', message: 'has an item after the first 100 that does not match' },
  ])
})

test('the same issues as before for ordinary payloads, and none for valid ones', async () => {
  expect(await issuesOf('conversation.closed', closed)).toBeUndefined()
  const long = Array.from({ length: 150 }, (_, index) => ({ ...message, id: index }))
  expect(
    await issuesOf('conversation.closed', {
      ...closed,
      conversation: { ...closed.conversation, messages: long },
    }),
  ).toBeUndefined()
  expect(
    await issuesOf('message.incoming', { ...FixtureByEventName['message.incoming'], message: 'old api' }),
  ).toEqual([{ path: '/message', message: 'must be object' }])
})

test('with several arrays cut, each is named as a suspect; an undeclared array is never one', async () => {
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
  expect(await issuesOf('conversation.closed', payload)).toEqual([
    { path: '/conversation/messages', message: suspect },
    { path: '/conversation/tags', message: suspect },
  ])
})
