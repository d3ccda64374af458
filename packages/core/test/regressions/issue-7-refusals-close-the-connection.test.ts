import { Readable } from 'node:stream'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { post, receiverWith } from '../helpers.js'

const payload = FixtureByEventName['user.new']

// A 401 (or 405, 415) is answered before the body is read; Node then kept the connection open and read the
// rest at the client's pace, so an unauthenticated client could hold a socket by trickling its body.
test.each([
  ['405', post(payload, { method: 'GET' })],
  ['401', post(payload, { url: '/webhooks/blinger?token=wrong' })],
  ['415 media type', post(payload, { headers: { 'content-type': 'text/plain' } })],
  ['415 encoding', post(payload, { headers: { 'content-encoding': 'gzip' } })],
  ['408', post(payload, { stream: new Readable({ read() {} }) })],
])('%s closes the connection', async (status, request) => {
  const response = await receiverWith({ readTimeout: 50 }).handle(request)
  expect(String(response.status)).toBe(status.slice(0, 3))
  expect(response.headers.connection).toBe('close')
})

test.each([
  ['200', payload],
  ['400', '{'],
  ['422', { ...payload, user: 'x' }],
])('%s keeps the connection', async (status, body) => {
  const response = await receiverWith().handle(post(body))
  expect(String(response.status)).toBe(status)
  expect(response.headers.connection).toBeUndefined()
})
