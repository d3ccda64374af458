import { describe, expect, it } from 'vitest'
import { eventNames, WebhookByEventName } from '../../src/emitter/event-names.js'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { PayloadSchemaByEventName } from '../../src/schemas/payload-schema-by-event-name.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

describe('ValidatorByEventName', () => {
  it('has one validator per event name, in the order of the schemas', () => {
    expect(Object.keys(ValidatorByEventName)).toEqual(eventNames)
    expect(Object.keys(ValidatorByEventName)).toEqual(Object.keys(PayloadSchemaByEventName))
  })

  it.each(eventNames)('%s: its fixture passes, with no errors', (name) => {
    const validator = ValidatorByEventName[name]
    expect(validator.Check(FixtureByEventName[name])).toBe(true)
    expect(validator.Errors(FixtureByEventName[name])).toEqual([])
  })

  it.each(eventNames)('%s: every other fixture fails, at least on its `webhook` literal', (name) => {
    const validator = ValidatorByEventName[name]
    for (const other of eventNames.filter((n) => n !== name)) {
      const fixture = FixtureByEventName[other]
      expect(fixture.webhook).not.toBe(WebhookByEventName[name])
      expect(validator.Check(fixture)).toBe(false)
      expect(validator.Errors(fixture)).toContainEqual(
        expect.objectContaining({ instancePath: '/webhook', keyword: 'const' }),
      )
    }
  })

  it.each([null, undefined, 'on_user_new', 42, [], {}])('rejects a non-payload body: %j', (body) => {
    for (const name of eventNames) expect(ValidatorByEventName[name].Check(body)).toBe(false)
  })

  it('keeps unknown fields: Check does not strip them', () => {
    const body = {
      ...structuredClone(FixtureByEventName['message.incoming']),
      extra_top: { deep: [1, 2] },
    }
    body.message = { ...body.message, ...{ attachments: ['https://example.com/a.png'] } }
    const snapshot = structuredClone(body)
    const validator = ValidatorByEventName['message.incoming']
    expect(validator.Check(body)).toBe(true)
    expect(body).toEqual(snapshot)
    expect(validator.Errors(body)).toEqual([])
  })

  it('narrows with Check', () => {
    const body: unknown = JSON.parse(JSON.stringify(FixtureByEventName['comment.incoming']))
    if (!ValidatorByEventName['comment.incoming'].Check(body)) throw new Error('expected a valid payload')
    expect(body.comment.post_title).toBe('Пост из вк')
  })
})
