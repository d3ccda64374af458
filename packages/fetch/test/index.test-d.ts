import type { MessageIncomingPayload, Receiver } from '@blinger-webhooks/core'
import { Hono } from 'hono'
import { expectTypeOf, test } from 'vitest'
import { blingerWebhooks, type FetchHandler, type WaitUntilContext } from '../src/index.js'

test('is a Request → Response handler usable as a Hono route, typed by event name', () => {
  const hooks = blingerWebhooks({ token: 't' })
  expectTypeOf(hooks).toMatchTypeOf<FetchHandler>()
  new Hono().post('/webhooks/blinger', (c) => hooks(c.req.raw))
  hooks.on('message.incoming', (event) => {
    expectTypeOf(event.payload).toEqualTypeOf<MessageIncomingPayload>()
  })
  // @ts-expect-error: not an event name
  hooks.on('message.deleted', () => {})
})

declare const receiver: Receiver

test('takes the receiver options or { receiver } with path, never both', () => {
  blingerWebhooks({ receiver, path: '/webhooks/blinger' })
  // @ts-expect-error: token would be ignored beside a receiver
  blingerWebhooks({ receiver, token: 't' })
  // @ts-expect-error: limit would be ignored beside a receiver
  blingerWebhooks({ receiver, limit: 1 })
})

test('event.account is the union of the token map’s keys; undefined for a string token', () => {
  const hooks = blingerWebhooks({ token: { acme: process.env.ACME_TOKEN, globex: ['new', 'old'] } })
  hooks.on('message.incoming', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
  hooks.on('invalid', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
  hooks.setTokens({ acme: 'rotated' })
  blingerWebhooks({ token: 't' }).on('*', (e) => expectTypeOf(e.account).toEqualTypeOf<undefined>())
})

// The platforms' contexts, declared as their packages do (not installed here).
interface WorkersExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
  readonly props: unknown
}
/** `after` from `next/server`. */
declare function after<T>(task: Promise<T> | (() => T | Promise<T>)): void
/** `waitUntil` from `@vercel/functions`. */
declare function waitUntil(promise: Promise<unknown>): void

test('takes the platform’s waitUntil as a second argument: Workers, Hono, Vercel, Next.js', () => {
  const hooks = blingerWebhooks({ token: 't', ack: 'immediately' })
  expectTypeOf(hooks).parameter(1).toEqualTypeOf<WaitUntilContext | undefined>()
  const workers = {
    fetch: (request: Request, _env: unknown, ctx: WorkersExecutionContext) => hooks(request, ctx),
  }
  expectTypeOf(workers.fetch).returns.toEqualTypeOf<Promise<Response>>()
  new Hono().post('/webhooks/blinger', (c) => hooks(c.req.raw, c.executionCtx))
  const vercel = (request: Request) => hooks(request, { waitUntil })
  const next = (request: Request) => hooks(request, { waitUntil: after })
  expectTypeOf(vercel).returns.toEqualTypeOf<Promise<Response>>()
  expectTypeOf(next).returns.toEqualTypeOf<Promise<Response>>()
  // Still a one-argument handler where nothing needs to outlive the answer (Bun, Deno, Node).
  expectTypeOf(hooks).toMatchTypeOf<(request: Request) => Promise<Response>>()
})

declare const request: Request

test('a second argument that is no context fails to compile', () => {
  const hooks = blingerWebhooks({ token: 't' })
  // @ts-expect-error: Workers' env is not the ExecutionContext
  hooks(request, { BLINGER_TOKEN: 't' })
  // @ts-expect-error: `after` itself, not wrapped in { waitUntil: after }
  hooks(request, after)
  // @ts-expect-error: waitUntil must take the promise
  hooks(request, { waitUntil: (promise: string) => promise })
})
