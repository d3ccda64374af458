import { createHash } from 'node:crypto'
import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { post, receiverWith } from '../helpers.js'

const message = FixtureByEventName['message.incoming']

test('with dedupe on, the id hashed for the claim is a plain data property of the event, in its place', async () => {
  const events: AnyWebhookEvent[] = []
  const receiver = receiverWith({})
  receiver.on('message.incoming', (event) => {
    events.push(event)
  })
  await receiver.handle(post(message))
  const [event] = events as [AnyWebhookEvent]
  expect(Object.getOwnPropertyDescriptor(event, 'id')).toEqual({
    value: createHash('sha256').update(JSON.stringify(message)).digest('hex'),
    writable: true,
    enumerable: true,
    configurable: true,
  })
  expect(Reflect.ownKeys(event)[0]).toBe('id')
})
