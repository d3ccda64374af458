import { Readable } from 'node:stream'
import { createReceiver, WebhookError } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import {
  arbitraryBody,
  collectText,
  createLedger,
  documentedStatuses,
  expectedStatus,
  within,
} from '../support/index.js'

// Whole requests, not just bodies: method, token placement, content type, encoding and a Content-Length that
// may lie. 1,000 cases through handle(), each checked against the status precedence and for token leaks.
const tokens = ['tok-A-7f3e9b2c41d8a6e0', 'tok-B-0c9d8e7f6a5b4c3d'] as const
const limit = 2048

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constant('POST') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH', 'post', undefined),
  },
)
type Auth =
  | 'query'
  | 'second-in-query'
  | 'bearer'
  | 'header'
  | 'none'
  | 'wrong'
  | 'prefix'
  | 'wrong-then-right'
const auth = fc.constantFrom<Auth>(
  'query',
  'second-in-query',
  'bearer',
  'header',
  'none',
  'wrong',
  'prefix',
  'wrong-then-right',
)
/** [header value, whether the pipeline takes it as JSON] */
const contentType = fc.constantFrom<[string | undefined, boolean]>(
  [undefined, true],
  ['', true],
  ['application/json', true],
  ['application/json; charset=utf-8', true],
  ['APPLICATION/JSON', true],
  ['application/vnd.blinger+json', true],
  ['text/plain', false],
  ['text/json', false],
  ['application/jsonp', false],
  ['application/x-www-form-urlencoded', false],
  ['multipart/form-data; boundary=x', false],
)
const contentEncoding = fc.constantFrom<[string | undefined, boolean]>(
  [undefined, true],
  ['identity', true],
  ['', true],
  ['gzip', false],
  ['deflate', false],
  ['br', false],
  ['identity, gzip', false],
)
type Length = 'none' | 'true' | 'smaller' | 'larger' | 'over-limit' | 'garbage'
const contentLength = fc.constantFrom<Length>(
  'none',
  'true',
  'true',
  'smaller',
  'larger',
  'over-limit',
  'garbage',
)
const handler = fc.constantFrom('ok', 'ok', 'throw', 'reject')

const requestCase = fc.record({
  method,
  auth,
  contentType,
  contentEncoding,
  contentLength,
  handler,
  body: arbitraryBody(),
  chunks: fc.integer({ min: 1, max: 4 }),
})

type Case = typeof requestCase extends fc.Arbitrary<infer T> ? T : never

function urlAndHeaders(kind: Auth): { url: string; headers: Record<string, string> } {
  const [first, second] = tokens
  switch (kind) {
    case 'query':
      return { url: `/webhooks/blinger?token=${first}`, headers: {} }
    case 'second-in-query':
      return { url: `/webhooks/blinger?x=1&token=${second}`, headers: {} }
    case 'bearer':
      return { url: '/webhooks/blinger', headers: { authorization: `Bearer ${first}` } }
    case 'header':
      return { url: '/webhooks/blinger', headers: { 'x-blinger-token': second } }
    case 'none':
      return { url: '/webhooks/blinger', headers: {} }
    case 'wrong':
      return {
        url: `/webhooks/blinger?token=${first}x`,
        headers: { authorization: `Bearer ${second.slice(1)}` },
      }
    case 'prefix':
      return { url: `/webhooks/blinger?token=${first.slice(0, -1)}`, headers: {} }
    case 'wrong-then-right':
      return { url: `/webhooks/blinger?token=nope&token=${second}`, headers: { 'x-blinger-token': 'nope' } }
  }
}

function declaredLength(kind: Length, size: number): string | undefined {
  switch (kind) {
    case 'none':
      return undefined
    case 'true':
      return String(size)
    case 'smaller':
      return String(Math.max(0, size - 1))
    case 'larger':
      return String(size + 10)
    case 'over-limit':
      return String(limit + 1)
    case 'garbage':
      return '12abc'
  }
}

/** The documented precedence: method, token, content type, encoding, size, then the body itself. */
function expected(c: Case): number {
  if (c.method !== 'POST') return 405
  if (c.auth === 'none' || c.auth === 'wrong' || c.auth === 'prefix') return 401
  if (!c.contentType[1]) return 415
  if (!c.contentEncoding[1]) return 415
  // A declared length over the limit is refused before a byte is read, whether or not it lies.
  const declared = Number(declaredLength(c.contentLength, c.body.length))
  if (declared > limit || c.body.length > limit) return 413
  const status = expectedStatus(c.body)
  return status === 200 && c.handler !== 'ok' ? 500 : status
}

test('every request gets the documented status for its first failing check, and the token shows nowhere', async () => {
  await fc.assert(
    fc.asyncProperty(requestCase, async (c) => {
      const receiver = createReceiver({ token: [...tokens], limit, dedupe: { max: 8 } })
      const ledger = createLedger(receiver)
      const said: unknown[] = []
      for (const name of ['*', 'unknown', 'invalid', 'duplicate', 'error'] as const)
        receiver.on(name, (event: unknown) => {
          said.push(event)
        })
      receiver.on('*', () => {
        if (c.handler === 'throw') throw new Error('handler broke')
        if (c.handler === 'reject') return Promise.reject(new Error('handler rejected'))
      })
      const { url, headers } = urlAndHeaders(c.auth)
      const [type] = c.contentType
      const [encoding] = c.contentEncoding
      const length = declaredLength(c.contentLength, c.body.length)
      const step = Math.ceil(c.body.length / c.chunks) || 1
      const pieces = Array.from({ length: c.chunks }, (_, i) => c.body.subarray(i * step, (i + 1) * step))
      const request: HandleRequest = {
        method: c.method,
        url,
        headers: {
          ...headers,
          ...(type === undefined ? {} : { 'content-type': type }),
          ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
          ...(length === undefined ? {} : { 'content-length': length }),
        },
        stream: Readable.from(pieces),
      }
      const response = await within(receiver.handle(request), 2000, 'handle()')
      expect(documentedStatuses.has(response.status)).toBe(true)
      expect(response.status).toBe(expected(c))
      expect(ledger.settle(response.status)).toBeUndefined()
      for (const error of said.filter((item) => item instanceof WebhookError))
        expect(error.code).toBe('handler_failed')
      const everything = collectText([response, said])
      for (const token of tokens) {
        expect(everything).not.toContain(token)
        expect(everything).not.toContain(token.slice(0, -1))
      }
    }),
    { numRuns: 1000 },
  )
}, 60_000)
