import { readFileSync } from 'node:fs'
import {
  type AnyWebhookEvent,
  createJsonSchema,
  type EventName,
  eventNames,
  validatePayload,
} from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Compile } from 'typebox/compile'
import { describe, expect, test, vi } from 'vitest'
import { post, receiverWith } from '../helpers.js'

// Issue 14: Blinger's backend is PHP, whose json_encode writes an empty array as `[]`, also where the code
// meant an object: `"close_group":[]` and `"operator":[]` got 422 and were lost. Where a schema expects an
// optional or nullable object, `[]` is now accepted and handed to handlers as `null`.

/** The bodies php 8.2's json_encode wrote (test/fixtures/php-bodies/write-bodies.php): `\/`, `\uXXXX`, `[]`. */
const phpBody = (name: EventName) =>
  readFileSync(new URL(`../fixtures/php-bodies/${name}.body`, import.meta.url), 'utf8')

describe('issue 14: bodies as PHP writes them reach handlers', () => {
  test('the files are what PHP writes: escaped slashes and Cyrillic, [] for empty objects and lists', () => {
    const closed = phpBody('conversation.closed')
    expect(closed).toContain('"close_group":[]')
    expect(closed).toContain('"operator":[]')
    expect(closed).toContain('https:\\/\\/')
    expect(phpBody('message.incoming')).toContain('\\u0417\\u0434\\u0440') // Здр
  })

  test.each(eventNames)('%s: handle() answers 200, and [] for an object arrives as null', async (name) => {
    const receiver = receiverWith({ deadLetters: false })
    const seen = vi.fn<(event: AnyWebhookEvent) => void>()
    receiver.on(name, seen as never)
    const response = await receiver.handle(post(phpBody(name)))
    expect(response.status, response.body).toBe(200)
    expect(seen).toHaveBeenCalledTimes(1)
    const payload = seen.mock.calls[0]?.[0].payload as Record<string, Record<string, unknown>>
    expect(JSON.stringify(payload)).not.toMatch(/"(operator|close_group)":\[\]/)
    if ('operator' in payload) expect(payload.operator).toBeNull()
    if (name === 'conversation.closed') {
      expect(payload.conversation).toMatchObject({ close_group: null, operator: null, tags: [] })
    }
    if (name === 'message.incoming') {
      expect(payload.message).toMatchObject({
        message: 'Здравствуйте! Ссылка: https://example.com/a/b?x=1',
        tags: [],
      })
    }
  })

  test('receive() and validatePayload() (the CLI validate) read [] the same way, without changing their input', async () => {
    const receiver = receiverWith()
    const payload = JSON.parse(phpBody('conversation.closed')) as { conversation: { close_group: unknown } }
    expect(validatePayload('conversation.closed', payload)).toBeUndefined()
    const { event } = await receiver.receive(payload)
    expect(event?.payload).toMatchObject({ conversation: { close_group: null, operator: null } })
    expect(payload.conversation.close_group).toEqual([]) // the caller's object is copied, never changed
  })

  test('lenient mode normalizes too, and reports only what really fails', async () => {
    const receiver = receiverWith({ validation: 'lenient' })
    const invalid = vi.fn()
    const seen = vi.fn()
    receiver.on('invalid', invalid).on('message.incoming', seen)
    const body = { ...FixtureByEventName['message.incoming'], operator: [], message_id: 'x' }
    expect((await receiver.handle(post(body))).status).toBe(200)
    expect(invalid.mock.calls[0]?.[0].issues).toEqual([{ path: '/message_id', message: 'must be integer' }])
    expect(seen.mock.calls[0]?.[0].payload.operator).toBeNull()
  })

  test('every object field: [] is null where optional or nullable, and fails where the object is required', () => {
    const accepted: string[] = []
    const refused: string[] = []
    for (const name of eventNames) {
      const sample = FixtureByEventName[name] as unknown
      for (const path of objectPaths(sample)) {
        const issues = validatePayload(name, withEmptyArrayAt(sample, path))
        const where = `${name} /${path.join('/')}`
        if (issues === undefined) accepted.push(where)
        else {
          refused.push(where)
          expect(issues[0]?.path, where).toBe(`/${path.join('/')}`)
        }
      }
    }
    expect(accepted.sort()).toEqual(
      [
        'comment.incoming /operator',
        'comment.outgoing /operator',
        'conversation.assigned /conversation/operator',
        'conversation.closed /conversation/close_group',
        'conversation.closed /conversation/operator',
        'message.incoming /operator',
        'message.outgoing /operator',
      ].sort(),
    )
    // Required objects stay required (types unchanged): from_user, to_user, message, fromBlingerUser, …
    expect(refused).toContain('conversation.closed /conversation/messages/0/fromBlingerUser')
    expect(refused).toContain('message.incoming /from_user')
    expect(refused).toContain('user.new /user')
  })

  test('the JSON Schema export accepts [] where the receiver normalizes it, and nowhere else', () => {
    const check = Compile(createJsonSchema('conversation.closed') as never)
    const closed = JSON.parse(phpBody('conversation.closed')) as unknown
    expect(check.Check(closed)).toBe(true)
    const index = Compile(createJsonSchema() as never)
    expect(index.Check(closed)).toBe(true)
    const sample = FixtureByEventName['conversation.closed']
    expect(check.Check({ ...sample, conversation: { ...sample.conversation, from_user: [] } })).toBe(false)
    expect(check.Check({ ...sample, conversation: { ...sample.conversation, close_group: [1] } })).toBe(false)
  })
})

/** The path of every object (not array) below the root of a JSON value. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return []
  const paths: string[][] = []
  for (const [key, item] of Object.entries(value)) {
    const here = [...path, key]
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) paths.push(here)
    paths.push(...objectPaths(item, here))
  }
  return paths
}

function withEmptyArrayAt(value: unknown, path: readonly string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
  target[path.at(-1) as string] = []
  return copy
}
