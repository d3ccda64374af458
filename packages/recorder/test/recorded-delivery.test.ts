import { createReceiver } from '@blinger-webhooks/core'
import { deliver } from '@blinger-webhooks/testing'
import { describe, expect, it } from 'vitest'
import { formatRecordedDelivery } from '../src/index.js'

describe('formatRecordedDelivery', () => {
  it('is one line of JSON with receivedAt, id, name, webhook and payload, ending in a newline', async () => {
    const receiver = createReceiver({ token: 't' })
    const { event } = await deliver(
      receiver,
      'message.incoming',
      { message: { message: 'line\nbreak' } },
      { token: 't' },
    )
    if (event === undefined) throw new Error('no event')
    const line = formatRecordedDelivery(event)
    expect(line.endsWith('\n')).toBe(true)
    expect(line.slice(0, -1)).not.toContain('\n')
    expect(JSON.parse(line)).toEqual({
      receivedAt: event.receivedAt.toISOString(),
      id: event.id,
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      payload: event.payload,
    })
  })
  it("carries the delivery's account when the token is a map", async () => {
    const receiver = createReceiver({ token: { acme: 'a', globex: 'g' } })
    const { event } = await deliver(receiver, 'user.new', {}, { token: 'g' })
    if (event === undefined) throw new Error('no event')
    expect(JSON.parse(formatRecordedDelivery(event))).toMatchObject({ id: event.id, account: 'globex' })
  })
})
