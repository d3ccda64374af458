import { createReceiver, WebhookError } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { parsed, post, token } from '../helpers.js'

// Issue 24 (§2): `next build` evaluates route modules with the runtime secret unset, and creating the
// receiver threw "No token given", so the build failed. A missing token is now reported when requests
// arrive: each gets a 500 `token_missing`, one error is reported, and nothing is accepted.

const closed = FixtureByEventName['conversation.closed']

afterEach(() => {
  vi.restoreAllMocks()
})

test('creating a receiver with process.env.BLINGER_TOKEN unset does not throw', () => {
  const env: Record<string, string | undefined> = {}
  expect(() => createReceiver({ token: env.BLINGER_TOKEN })).not.toThrow()
  expect(() => createReceiver({ token: '' })).not.toThrow()
})

test('every request gets a 500 token_missing, one error each, and no handler runs', async () => {
  const receiver = createReceiver({ token: undefined })
  const handler = vi.fn()
  const errors: WebhookError[] = []
  receiver.on('conversation.closed', handler).on('error', (error) => {
    errors.push(error)
  })
  for (const request of [post(closed), post(closed, { url: '/webhooks/blinger' }), post(closed)]) {
    const response = await receiver.handle(request)
    expect(response.status).toBe(500)
    expect(parsed(response)).toEqual({
      error: 'token_missing',
      message: 'The receiver has no token configured. Its logs say how to set one.',
    })
  }
  expect(handler).not.toHaveBeenCalled()
  expect(errors).toHaveLength(3)
  expect(errors[0]).toBeInstanceOf(WebhookError)
  expect(errors[0]?.code).toBe('token_missing')
  expect(errors[0]?.message).toContain('pass { token: process.env.BLINGER_TOKEN }')
})

test('without an error listener the error goes to console.error, without any token', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
  const receiver = createReceiver({})
  await receiver.handle(post(closed))
  expect(logged).toHaveBeenCalledOnce()
  expect(String(logged.mock.calls[0]?.[0])).toContain('No token was given')
  expect(String(logged.mock.calls[0]?.[0])).not.toContain(token)
})

test('setTokens gives it a token later; the 500s stop', async () => {
  const receiver = createReceiver({})
  receiver.setTokens(token)
  const handler = vi.fn()
  receiver.on('conversation.closed', handler)
  expect((await receiver.handle(post(closed))).status).toBe(200)
  expect(handler).toHaveBeenCalledOnce()
  // setTokens still refuses nothing: it is called at run time, where the token must be there.
  expect(() => receiver.setTokens(undefined as never)).toThrow(/No token given/)
})

test('allowUnauthenticated still lets everyone in', async () => {
  const receiver = createReceiver({ allowUnauthenticated: true })
  expect((await receiver.handle(post(closed, { url: '/' }))).status).toBe(200)
})
