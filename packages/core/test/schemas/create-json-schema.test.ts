import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { createJsonSchema, eventNames, PayloadSchemaByEventName } from '../../src/index.js'

describe('createJsonSchema', () => {
  it('gives each event a self-describing draft 2020-12 document', () => {
    const schema = createJsonSchema('message.incoming')
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://unpkg.com/@blinger-webhooks/core/schemas/message.incoming.json',
      title: 'MessageIncomingPayload',
      type: 'object',
    })
    expect(schema.description).toContain('on_message_incoming')
  })

  it('is a copy: changing it leaves the compiled schema alone', () => {
    const schema = createJsonSchema('user.new') as { properties: { webhook: { const: string } } }
    schema.properties.webhook.const = 'changed'
    expect(createJsonSchema('user.new')).toMatchObject({ properties: { webhook: { const: 'on_user_new' } } })
    expect(JSON.stringify(PayloadSchemaByEventName['user.new'])).not.toContain('changed')
  })

  it.each(eventNames)('%s: a JSON Schema validator accepts the sample and rejects a broken one', (name) => {
    const check = Compile(createJsonSchema(name) as never)
    expect(check.Check(FixtureByEventName[name])).toBe(true)
    expect(check.Check({ ...FixtureByEventName[name], webhook: 'on_something_else' })).toBe(false)
  })

  it('the index accepts every event and names each in $defs', () => {
    const index = createJsonSchema()
    expect(Object.keys(index.$defs as object)).toHaveLength(eventNames.length)
    const check = Compile(index as never)
    for (const name of eventNames) expect(check.Check(FixtureByEventName[name]), name).toBe(true)
    expect(check.Check({ webhook: 'on_message_incoming' })).toBe(false)
  })
})
