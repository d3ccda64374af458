import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test } from 'vitest'
import { receiverWith } from '../helpers.js'

describe('the order option is checked at creation', () => {
  test("'conversation', a function, or nothing", () => {
    expect(() => receiverWith({ order: 'conversation' })).not.toThrow()
    expect(() => receiverWith({ order: () => undefined })).not.toThrow()
    expect(() => receiverWith({})).not.toThrow()
  })

  test('anything else throws, naming the choices and never the value', () => {
    expect(() => receiverWith({ order: 'conversations' as never })).toThrow(
      "[@blinger-webhooks/core] order must be 'conversation' or a function (event) => key (a string, or undefined for none), got a value of type string.",
    )
    expect(() => receiverWith({ order: true as never })).toThrow(TypeError)
  })

  test('orderLimits: whole numbers above 0, known keys, and only beside order', () => {
    expect(() => receiverWith({ order: 'conversation', orderLimits: { perKey: 5, total: 50 } })).not.toThrow()
    expect(() => receiverWith({ order: 'conversation', orderLimits: { perKey: 0 } })).toThrow(
      '[@blinger-webhooks/core] orderLimits.perKey must be a whole number above 0, got 0.',
    )
    expect(() => receiverWith({ order: 'conversation', orderLimits: { total: 1.5 } })).toThrow(RangeError)
    expect(() => receiverWith({ order: 'conversation', orderLimits: { perkey: 5 } as never })).toThrow(
      /Unknown option `orderLimits.perkey`\. Did you mean `perKey`\?/,
    )
    expect(() => receiverWith({ orderLimits: { perKey: 5 } })).toThrow(
      "[@blinger-webhooks/core] orderLimits caps the deliveries waiting under order, which is off: add order: 'conversation', or leave out orderLimits.",
    )
  })

  test('a key function giving anything but a string or undefined fails that delivery, saying why', async () => {
    const receiver = receiverWith({
      order: (event) => (event.name === 'message.incoming' ? 173 : undefined) as never,
    })
    const failure = await receiver
      .receive(FixtureByEventName['message.incoming'])
      .catch((error: Error) => error)
    expect(failure).toMatchObject({ code: 'handler_failed' })
    expect(String((failure as Error).cause)).toContain(
      'The order function gave 173 for message.incoming: give a string key, or undefined to leave the delivery unordered.',
    )
  })
})
