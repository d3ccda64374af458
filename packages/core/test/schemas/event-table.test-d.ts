import { describe, expectTypeOf, test } from 'vitest'
import type * as core from '../../src/index.js'
import type { EventName } from '../../src/schemas/event-table.js'

// `message.incoming` → `MessageIncomingPayload`, the name `createJsonSchema` titles the schema with.
type PayloadTitle<N extends string> = N extends `${infer G}.${infer E}`
  ? `${Capitalize<G>}${Capitalize<E>}Payload`
  : never

describe('EventTable', () => {
  test("every event's payload schema and type are exported from core by their title", () => {
    // Lists the events whose `<Title>Payload` the main entry does not export yet.
    expectTypeOf<Exclude<PayloadTitle<EventName>, keyof typeof core>>().toEqualTypeOf<never>()
  })

  test('the webhook map and the payload types follow the table', () => {
    expectTypeOf<core.WebhookName>().toEqualTypeOf<(typeof core.WebhookByEventName)[EventName]>()
    expectTypeOf<(typeof core.EventNameByWebhook)['on_user_new']>().toEqualTypeOf<'user.new'>()
    expectTypeOf<(typeof core.WebhookByEventName)['user.new']>().toEqualTypeOf<'on_user_new'>()
    expectTypeOf<core.PayloadByEventName['user.new']>().toEqualTypeOf<core.UserNewPayload>()
    expectTypeOf<core.EventGroup>().toEqualTypeOf<'conversation' | 'message' | 'comment' | 'user'>()
  })
})
