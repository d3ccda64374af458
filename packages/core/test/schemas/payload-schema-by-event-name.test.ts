import { describe, expect, it } from 'vitest'
import { eventNames, WebhookByEventName } from '../../src/emitter/event-names.js'
import { PayloadSchemaByEventName } from '../../src/schemas/payload-schema-by-event-name.js'

describe('PayloadSchemaByEventName', () => {
  it('lists the eight event names in the table order', () => {
    expect(Object.keys(PayloadSchemaByEventName)).toEqual(eventNames)
  })

  it.each(eventNames)("%s: the schema's `webhook` is the literal Blinger sends", (name) => {
    expect(PayloadSchemaByEventName[name].properties.webhook.const).toBe(WebhookByEventName[name])
    expect(PayloadSchemaByEventName[name].required).toContain('webhook')
  })

  it.each(eventNames)('%s: objects allow unknown properties (no additionalProperties: false)', (name) => {
    expect(JSON.stringify(PayloadSchemaByEventName[name])).not.toContain('additionalProperties')
  })
})
