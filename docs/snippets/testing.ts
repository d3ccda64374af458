import { createReceiver } from '@blinger-webhooks/core'
import { createPayload, deliver } from '@blinger-webhooks/testing'
import { expect, test, vi } from 'vitest'

test('answers an incoming message', async () => {
  const receiver = createReceiver({ token: 'test' })
  const reply = vi.fn()
  receiver.on('message.incoming', (event) =>
    reply(event.payload.conversation_id, event.payload.message.message),
  )

  const { status, event } = await deliver(
    receiver,
    'message.incoming',
    { message: { message: 'Hi!' } },
    { token: 'test' },
  )

  expect(status).toBe(200)
  expect(reply).toHaveBeenCalledWith(173, 'Hi!')
  expect(event?.payload.from_user.application).toBe('vk') // the rest is the spec's sample
})

const unassigned = createPayload('message.incoming', { operator: undefined }) // typed: a misspelt key does not compile
