import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { parsed, post, receiverWith } from '../helpers.js'

const payload = FixtureByEventName['user.new']

// A gzip body used to reach JSON.parse and fail as 400; now it is refused before a byte is read, so a zip bomb
// is never inflated. Blinger sends plain JSON.
test.each(['gzip', 'deflate', 'br', 'x-gzip', 'identity, gzip'])(
  '415 unsupported_content_encoding for Content-Encoding: %s, without reading the body',
  async (encoding) => {
    const stream = Readable.from([gzipSync(JSON.stringify(payload))])
    const receiver = receiverWith()
    const seen = vi.fn()
    receiver.on('*', seen)
    const response = await receiver.handle(
      post(payload, { headers: { 'content-encoding': encoding }, stream }),
    )
    expect(response.status).toBe(415)
    expect(parsed(response)).toEqual({
      error: 'unsupported_content_encoding',
      message: 'Send the body uncompressed (Content-Encoding: identity).',
    })
    expect(response.headers['accept-encoding']).toBe('identity')
    expect(stream.readableDidRead).toBe(false)
    expect(seen).not.toHaveBeenCalled()
  },
)

test('identity or no Content-Encoding is read as usual', async () => {
  const receiver = receiverWith({ dedupe: false })
  expect((await receiver.handle(post(payload, { headers: { 'content-encoding': 'identity' } }))).status).toBe(
    200,
  )
  expect((await receiver.handle(post(payload, { headers: {} }))).status).toBe(200)
})

test('a body an app parser already inflated is refused too: one rule, whatever is mounted first', async () => {
  const stream = Readable.from([Buffer.from('{}')])
  for await (const _ of stream);
  const response = await receiverWith().handle(
    post(payload, { body: structuredClone(payload), stream, headers: { 'content-encoding': 'gzip' } }),
  )
  expect(response.status).toBe(415)
})

test('the content type is checked first', async () => {
  const response = await receiverWith().handle(
    post(payload, { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } }),
  )
  expect(parsed(response).error).toBe('unsupported_media_type')
})
