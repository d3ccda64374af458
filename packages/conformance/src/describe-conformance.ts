import { once } from 'node:events'
import { createServer, type RequestListener, request as rawRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type EmitterEventName,
  type EmitterMethods,
  type EventName,
  eventNames,
  groupOf,
  type ReceiverOptions,
  type TokenOption,
  WebhookByEventName,
  WebhookError,
} from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import request, { type Response } from 'supertest'
import { afterEach, describe, expect, test, vi } from 'vitest'

/** Where every conformance app mounts the receiver. It must reach the receiver for every method, so GET gets our 405. */
export const webhookPath = '/webhooks/blinger'
/** A route of the same app that answers GET with 200. */
export const healthPath = '/health'
/** A route of the same app that answers POST with 200 and `{ received: <the parsed JSON body, or null> }`. */
export const otherPath = '/other'

/** How the suite runs an app. */
export interface ConformanceSettings {
  /** Mount the framework's usual body parser before the receiver (express.json(), @koa/bodyparser, …). */
  bodyParser: boolean
}

/** An app under test: what `createApp` returns. */
export interface ConformanceApp {
  /** A Node server (listening or not) or a request listener. */
  server: Server | RequestListener
  /** The adapter's value, with `on`, `once`, `off` and `setTokens`. */
  hooks: EmitterMethods & { setTokens(token: TokenOption): void }
  /** Releases what the app holds; the suite closes servers it started itself. */
  close?: () => unknown
}

/**
 * Builds an app with the adapter at `webhookPath` (given `options` as they are), `GET /health` and
 * `POST /other`. Called once per test.
 */
export type CreateConformanceApp = (
  options: ReceiverOptions,
  settings: ConformanceSettings,
) => ConformanceApp | Promise<ConformanceApp>

const token = 'conformance-token-5f0c1a9e7b'
const handlerErrorText = 'handler-secret-failure-text'
const mebibyte = 1024 * 1024
const stackFrame = /\bat .+:\d+:\d+/

type Auth = 'query' | 'bearer' | 'header' | 'none'

interface PostOptions {
  auth?: Auth
  tokenValue?: string
  contentType?: string
}

const json = (value: unknown) => JSON.stringify(value)
const fixtureText = (name: EventName) => json(FixtureByEventName[name])

function post(
  server: Server,
  body: string,
  { auth = 'query', tokenValue = token, contentType = 'application/json' }: PostOptions = {},
) {
  const query = auth === 'query' ? `?token=${encodeURIComponent(tokenValue)}` : ''
  const test = request(server).post(`${webhookPath}${query}`).set('content-type', contentType)
  if (auth === 'bearer') test.set('authorization', `Bearer ${tokenValue}`)
  if (auth === 'header') test.set('x-blinger-token', tokenValue)
  return test.send(body)
}

/** Records every call of the given listeners, in order. */
function record(hooks: EmitterMethods, names: readonly EmitterEventName[]) {
  const calls: { name: EmitterEventName; event: unknown }[] = []
  for (const name of names) {
    hooks.on(name, (event: unknown) => {
      calls.push({ name, event })
    })
  }
  return calls
}

/** A response never shows the token, a stack trace or a handler's error text. */
function expectNothingLeaked(response: Response): void {
  expect(response.text).not.toContain(token)
  expect(response.text).not.toMatch(stackFrame)
  expect(response.text).not.toContain(handlerErrorText)
}

function isOurs(response: Response): boolean {
  const body: unknown = response.body
  return (
    /^application\/json/.test(response.headers['content-type'] ?? '') &&
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).every((key) => key === 'error' || key === 'message' || key === 'issues') &&
    typeof (body as { error?: unknown }).error === 'string'
  )
}

/** The pipeline answered: `status` with our `{ error, message }` body and nothing leaked. */
function expectOurError(response: Response, status: number, error: string): void {
  expect(response.status, response.text).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  expect(response.body).toMatchObject({ error, message: expect.any(String) })
  expectNothingLeaked(response)
}

/**
 * Where the framework's own body parser may answer first (malformed JSON, a body over the parser's limit),
 * only the status is the same; its body is the framework's. Without a body parser, the answer must be ours.
 */
function expectOurErrorOrParsers(
  response: Response,
  status: number,
  error: string,
  bodyParser: boolean,
): void {
  if (isOurs(response) || !bodyParser) expectOurError(response, status, error)
  else expect(response.status).toBe(status)
}

function expectOk(response: Response, body: object = { ok: true }): void {
  expect(response.status, response.text).toBe(200)
  expect(response.body).toEqual(body)
  expectNothingLeaked(response)
}

/**
 * The HTTP behaviour every adapter must show, run twice: on a bare app and with the framework's usual body
 * parser mounted first.
 * @example
 * describeConformance('express', (options, { bodyParser }) => {
 *   const app = express()
 *   if (bodyParser) app.use(express.json())
 *   const hooks = blingerWebhooks(options)
 *   app.use('/webhooks/blinger', hooks)
 *   app.get('/health', (_req, res) => { res.send('ok') })
 *   app.post('/other', (req, res) => { res.json({ received: req.body ?? null }) })
 *   return { server: app, hooks }
 * })
 */
export function describeConformance(name: string, createApp: CreateConformanceApp): void {
  for (const bodyParser of [false, true]) {
    describe(`${name} conformance, ${bodyParser ? 'after the usual body parser' : 'bare'}`, () => {
      const cleanups: (() => Promise<void>)[] = []
      afterEach(async () => {
        await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
      })

      const start = async (options: Partial<ReceiverOptions> = {}) => {
        const app = await createApp({ token, ...options }, { bodyParser })
        const server = typeof app.server === 'function' ? createServer(app.server) : app.server
        const ours = !server.listening
        if (ours) {
          server.listen(0, '127.0.0.1')
          await once(server, 'listening')
        }
        cleanups.push(async () => {
          if (ours) {
            server.closeAllConnections()
            await new Promise((resolve) => server.close(resolve))
          }
          await app.close?.()
        })
        return { server, hooks: app.hooks }
      }

      describe('delivers each fixture with its name and payload', () => {
        test.each(eventNames)('%s', async (eventName) => {
          const { server, hooks } = await start()
          const calls = record(hooks, [eventName, groupOf(eventName), '*'])
          expectOk(await post(server, fixtureText(eventName)))
          expect(calls.map((call) => call.name)).toEqual([eventName, groupOf(eventName), '*'])
          for (const { event } of calls) {
            expect(event).toMatchObject({ name: eventName, webhook: WebhookByEventName[eventName] })
            expect((event as { payload: unknown }).payload).toEqual(JSON.parse(fixtureText(eventName)))
          }
        })
      })

      describe('token', () => {
        test.each(['query', 'bearer', 'header'] as const)('accepted in the %s', async (auth) => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*'])
          expectOk(await post(server, fixtureText('message.incoming'), { auth }))
          expect(calls).toHaveLength(1)
        })

        test.each(['query', 'bearer', 'header'] as const)(
          'wrong in the %s: 401, nothing emitted',
          async (auth) => {
            const { server, hooks } = await start()
            const calls = record(hooks, ['*', 'error'])
            const response = await post(server, fixtureText('message.incoming'), {
              auth,
              tokenValue: `${token}-wrong`,
            })
            expectOurError(response, 401, 'unauthorized')
            expect(calls).toEqual([])
          },
        )

        test('missing: 401, nothing emitted', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*', 'error'])
          expectOurError(
            await post(server, fixtureText('message.incoming'), { auth: 'none' }),
            401,
            'unauthorized',
          )
          expect(calls).toEqual([])
        })
      })

      describe('bad requests', () => {
        test('GET: 405 with Allow: POST', async () => {
          const { server } = await start()
          const response = await request(server).get(`${webhookPath}?token=${token}`)
          expectOurError(response, 405, 'method_not_allowed')
          expect(response.headers.allow).toBe('POST')
        })

        test('application/xml: 415', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*'])
          const response = await post(server, '<webhook>on_user_new</webhook>', {
            contentType: 'application/xml',
          })
          expectOurError(response, 415, 'unsupported_media_type')
          expect(calls).toEqual([])
        })

        test('over the `limit` option: 413', async () => {
          const { server, hooks } = await start({ limit: 2000 })
          const calls = record(hooks, ['*'])
          const body = json({ ...FixtureByEventName['user.new'], padding: 'x'.repeat(3000) })
          expectOurError(await post(server, body), 413, 'payload_too_large')
          expect(calls).toEqual([])
        })

        test('over the default limit: 413', async () => {
          const { server, hooks } = await start({ validation: 'off' })
          const calls = record(hooks, ['*'])
          const body = json({ ...FixtureByEventName['user.new'], padding: 'x'.repeat(5 * mebibyte + 1) })
          expectOurErrorOrParsers(await post(server, body), 413, 'payload_too_large', bodyParser)
          expect(calls).toEqual([])
        })

        test('malformed JSON: 400', async () => {
          const { server } = await start()
          expectOurErrorOrParsers(
            await post(server, '{"webhook": "on_user_new",'),
            400,
            'invalid_json',
            bodyParser,
          )
        })

        test('a JSON array: 400', async () => {
          const { server } = await start()
          expectOurError(await post(server, '[]'), 400, 'not_an_object')
        })

        test('an object without `webhook`: 400', async () => {
          const { server } = await start()
          expectOurError(await post(server, '{}'), 400, 'missing_webhook')
        })

        test('schema mismatch: 422 with issues, nothing emitted', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*', 'invalid'])
          const response = await post(server, json({ webhook: 'on_message_incoming', message: 'x' }))
          expectOurError(response, 422, 'invalid_payload')
          expect(response.body.issues).toEqual(
            expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]),
          )
          expect(calls.map((call) => call.name)).toEqual(['invalid'])
        })
      })

      describe('deliveries', () => {
        test('unknown webhook: 200, emitted as `unknown`', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['unknown', '*'])
          const payload = { webhook: 'on_something_new', data: { id: 1 } }
          expectOk(await post(server, json(payload)))
          expect(calls.map((call) => call.name)).toEqual(['unknown', '*'])
          expect(calls[0]?.event).toMatchObject({ name: 'unknown', webhook: 'on_something_new', payload })
        })

        test('duplicate: 200 both times, emitted once, the second flagged `duplicate`', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*', 'duplicate'])
          expectOk(await post(server, fixtureText('comment.incoming')))
          expectOk(await post(server, fixtureText('comment.incoming'), { auth: 'bearer' }), {
            ok: true,
            duplicate: true,
          })
          expect(calls.map((call) => call.name)).toEqual(['*', 'duplicate'])
        })

        test('a handler that throws: 500, reported on `error`; the next request gets 200', async () => {
          const { server, hooks } = await start()
          const errors: unknown[] = []
          hooks.on('error', (error) => {
            errors.push(error)
          })
          const failing = () => {
            throw new Error(handlerErrorText)
          }
          hooks.on('message.incoming', failing)
          expectOurError(await post(server, fixtureText('message.incoming')), 500, 'handler_failed')
          expect(errors).toHaveLength(1)
          expect(errors[0]).toBeInstanceOf(WebhookError)
          expect((errors[0] as WebhookError).cause).toEqual(new Error(handlerErrorText))

          hooks.off('message.incoming', failing)
          const calls = record(hooks, ['message.incoming'])
          // A failed delivery is not remembered, so Blinger's retry of it goes through.
          expectOk(await post(server, fixtureText('message.incoming')))
          expect(calls).toHaveLength(1)
        })

        test("ack: 'immediately' answers 200 before a slow handler finishes", async () => {
          const { server, hooks } = await start({ ack: 'immediately' })
          let release = () => {}
          const gate = new Promise<void>((resolve) => {
            release = resolve
          })
          let finished = false
          hooks.on('user.new', async () => {
            await gate
            finished = true
          })
          try {
            expectOk(await post(server, fixtureText('user.new')))
            expect(finished).toBe(false)
          } finally {
            release()
          }
          await vi.waitFor(() => expect(finished).toBe(true))
        })

        test('a handler slower than `handlerTimeout`: 200 in time, `event.signal` aborted', async () => {
          const { server, hooks } = await start({ handlerTimeout: 200 })
          let aborted = false
          hooks.on('conversation.closed', async (event) => {
            aborted = await abortedWithin(event.signal, 2000)
          })
          const started = Date.now()
          expectOk(await post(server, fixtureText('conversation.closed')))
          expect(Date.now() - started).toBeLessThan(1500)
          await vi.waitFor(() => expect(aborted).toBe(true))
        })

        test('a client that disconnects aborts `event.signal`', async () => {
          const { server, hooks } = await start({ handlerTimeout: 10_000 })
          let reached = () => {}
          const handlerStarted = new Promise<void>((resolve) => {
            reached = resolve
          })
          let aborted = false
          hooks.on('message.outgoing', async (event) => {
            reached()
            aborted = await abortedWithin(event.signal, 5000)
          })
          const { port } = server.address() as AddressInfo
          const client = rawRequest({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `${webhookPath}?token=${token}`,
            headers: { 'content-type': 'application/json' },
          })
          client.on('error', () => {}) // the disconnect below is the point
          client.end(fixtureText('message.outgoing'))
          await handlerStarted
          client.destroy()
          await vi.waitFor(() => expect(aborted).toBe(true), { timeout: 2000 })
        })
      })

      describe('accounts (a token map)', () => {
        const accounts = { acme: 'acme-token-3b9d', globex: ['globex-new-7c1e', 'globex-old-0a4f'] }

        test('each token delivers as its account; the same bytes from two accounts are two deliveries', async () => {
          const { server, hooks } = await start({ token: accounts })
          const calls = record(hooks, ['message.incoming', 'duplicate'])
          const body = fixtureText('message.incoming')
          expectOk(await post(server, body, { tokenValue: 'acme-token-3b9d' }))
          expectOk(await post(server, body, { auth: 'bearer', tokenValue: 'globex-old-0a4f' }))
          expectOk(await post(server, body, { auth: 'header', tokenValue: 'globex-new-7c1e' }), {
            ok: true,
            duplicate: true,
          })
          expect(calls.map(({ name, event }) => [name, (event as { account: unknown }).account])).toEqual([
            ['message.incoming', 'acme'],
            ['message.incoming', 'globex'],
            ['duplicate', 'globex'],
          ])
          const [acme, globex] = calls.map(({ event }) => (event as { id: string }).id)
          expect(acme).toMatch(/^acme\/[0-9a-f]{64}$/)
          expect(globex).toBe(`globex/${acme?.slice('acme/'.length)}`)
          expectOurError(await post(server, body, { tokenValue: token }), 401, 'unauthorized')
        })

        test('setTokens: a removed account gets 401 at once, an added one is let in', async () => {
          const { server, hooks } = await start({ token: accounts })
          const calls = record(hooks, ['*'])
          hooks.setTokens({ globex: accounts.globex, initech: 'initech-token-5e2a' })
          const body = fixtureText('user.new')
          expectOurError(await post(server, body, { tokenValue: 'acme-token-3b9d' }), 401, 'unauthorized')
          expectOk(await post(server, body, { tokenValue: 'initech-token-5e2a' }))
          expect(calls.map(({ event }) => (event as { account: unknown }).account)).toEqual(['initech'])
        })

        test('a string token delivers with no account and a bare 64-hex id', async () => {
          const { server, hooks } = await start()
          const calls = record(hooks, ['*'])
          expectOk(await post(server, fixtureText('user.new')))
          expect(calls[0]?.event).toMatchObject({
            account: undefined,
            id: expect.stringMatching(/^[0-9a-f]{64}$/),
          })
        })
      })

      describe('the same app', () => {
        test('GET /health still answers 200', async () => {
          const { server } = await start()
          expect((await request(server).get(healthPath)).status).toBe(200)
        })

        test('POST /other with JSON still answers 200, parsed by the app when it has a parser', async () => {
          const { server } = await start()
          const payload = { hello: 'world', list: [1, 2] }
          const response = await request(server).post(otherPath).send(payload)
          expect(response.status).toBe(200)
          if (bodyParser) expect(response.body).toEqual({ received: payload })
        })
      })
    })
  }
}

/** Resolves `true` when `signal` aborts, or `false` after `ms`, like a handler that honours `event.signal`. */
function abortedWithin(signal: AbortSignal, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms, false)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
