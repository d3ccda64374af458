import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { post, receiverWith } from '../helpers.js'

// express.json() accepts up to 100 kB, so a body over a smaller `limit` arrived as an object and got past it.
test('413 for a body an app parser already parsed, when its Content-Length is over the limit', async () => {
  const payload = FixtureByEventName['user.new']
  const receiver = receiverWith({ limit: 100 })
  const over = post(payload, {
    stream: undefined,
    body: payload,
    headers: { 'content-type': 'application/json', 'content-length': '101' },
  })
  expect((await receiver.handle(over)).status).toBe(413)
  const within = post(payload, {
    stream: undefined,
    body: payload,
    headers: { 'content-type': 'application/json', 'content-length': '100' },
  })
  expect((await receiver.handle(within)).status).toBe(200)
})
