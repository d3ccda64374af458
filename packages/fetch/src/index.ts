/** @module Fetch adapter: maps a web-standard Request onto the core pipeline and returns a Response. */
import type { AccountOf, TokenOption, WithEmitter } from '@blinger-webhooks/core'
import {
  type AdapterReceiverOptions,
  attachEmitter,
  type BodyStream,
  type HandleRequest,
  matchPath,
  notFoundResponse,
  resolveReceiver,
} from '@blinger-webhooks/core/adapter'

export { WebhookError } from '@blinger-webhooks/core'
// What handlers, options and error listeners name, so an app imports it from the adapter and never installs core.
export type * from '@blinger-webhooks/core/app-types'

/**
 * The platform's hold on work that outlives the answer: Workers' `ExecutionContext` (`fetch(request, env, ctx)`),
 * Hono's `c.executionCtx` on Workers, `{ waitUntil }` from `@vercel/functions`, `{ waitUntil: after }` with
 * Next.js's `after`.
 */
export interface WaitUntilContext {
  /** Keeps the instance alive until `promise` settles. */
  waitUntil(promise: Promise<unknown>): void
}

/**
 * A web-standard handler, as Hono, Next.js route handlers, Bun.serve, Deno.serve and Workers take. Give it
 * `context` on a platform that stops the instance once the answer is sent (Workers, Vercel, Next.js), so that
 * handlers still running after the answer finish.
 */
export type FetchHandler = (request: Request, context?: WaitUntilContext) => Promise<Response>

/** Options of `blingerWebhooks`: every `ReceiverOptions` field or `{ receiver }` (not both), plus `path`. */
export type FetchWebhooksOptions<T extends TokenOption = TokenOption> = AdapterReceiverOptions<T> & {
  /**
   * Answer only this path (query and trailing slash ignored); other requests get a 404 JSON answer. Leave it
   * out behind a router, which already chose the path.
   * @default undefined (every request)
   */
  path?: string
}

/**
 * A body with a declared Content-Length, read whole by `arrayBuffer()` and handed to the core as the one chunk
 * of an async iterable, so the core still applies `limit` (to the declared length, before reading) and
 * `readTimeout`. `request.body` on @hono/node-server builds a full Request and a web stream around the socket,
 * which cost more than the rest of the pipeline; `arrayBuffer()` reads the socket directly, and the HTTP
 * parser stops at the declared length.
 */
class WholeBody implements AsyncIterableIterator<Uint8Array> {
  readonly #request: Request
  #read = false

  constructor(request: Request) {
    this.#request = request
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#read) return Promise.resolve({ done: true, value: undefined })
    this.#read = true
    return this.#request.arrayBuffer().then((buffer) => ({ done: false, value: new Uint8Array(buffer) }))
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.#read = true
    return Promise.resolve({ done: true, value: undefined })
  }
}

/**
 * The request as the pipeline sees it. Its `signal` follows `request.signal` only until the answer: runtimes
 * abort that signal once the response is done (Deno right after it), which is not the sender going away, so it
 * must not reach handlers still running after an `immediately` or `handlerTimeout` answer. A class with one
 * getter, read only when a handler reads `event.signal`: `request.signal` stays untouched otherwise (on
 * @hono/node-server, reading it builds a full Request).
 */
class AnswerScopedRequest implements HandleRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly stream: BodyStream | undefined
  readonly waitUntil: ((promise: Promise<unknown>) => void) | undefined
  readonly #request: Request
  #own: AbortController | undefined = undefined
  #follow: (() => void) | undefined = undefined
  #answered = false

  constructor(request: Request, url: string, context: WaitUntilContext | undefined) {
    this.#request = request
    this.method = request.method
    this.url = url
    const headers = Object.fromEntries(request.headers)
    this.headers = headers
    this.stream =
      headers['content-length'] === undefined ? (request.body ?? undefined) : new WholeBody(request)
    // Called on its context: workerd's `ctx.waitUntil` throws "Illegal invocation" when detached. Checked at
    // run time because runtimes pass their own second argument to `fetch: hooks` (Bun its server, Deno its
    // info, Workers `env`), none of which has a `waitUntil`.
    this.waitUntil =
      typeof context?.waitUntil === 'function' ? (promise) => context.waitUntil(promise) : undefined
  }

  get signal(): AbortSignal {
    if (this.#own === undefined) {
      const own = new AbortController()
      this.#own = own
      if (!this.#answered) {
        const source = this.#request.signal
        if (source.aborted) own.abort(source.reason)
        else {
          this.#follow = () => own.abort(source.reason)
          source.addEventListener('abort', this.#follow, { once: true })
        }
      }
    }
    return this.#own.signal
  }

  /** The answer is out: from now on, only the pipeline (timeout, close, deadline) aborts `event.signal`. */
  answered(): void {
    this.#answered = true
    if (this.#follow !== undefined) this.#request.signal.removeEventListener('abort', this.#follow)
    this.#follow = undefined
  }
}

/**
 * Creates a `(request: Request, context?: { waitUntil }) => Promise<Response>` handler that receives Blinger webhooks and emits them
 * as typed events.
 * @example
 * import { Hono } from 'hono'
 * import { blingerWebhooks } from '@blinger-webhooks/fetch'
 *
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
 * hooks.on('conversation.closed', (event) => console.log(event.payload.conversation.id))
 * const app = new Hono()
 * app.all('/webhooks/blinger', (c) => hooks(c.req.raw))
 */
export function blingerWebhooks<T extends TokenOption = TokenOption>(
  options: FetchWebhooksOptions<T>,
): WithEmitter<FetchHandler, AccountOf<T>> {
  const receiver = resolveReceiver(options)
  const matches = matchPath(options.path)
  const handler: FetchHandler = async (request, context) => {
    const { pathname, search } = new URL(request.url)
    const url = pathname + search
    let out = notFoundResponse
    if (matches(url)) {
      const scoped = new AnswerScopedRequest(request, url, context)
      out = await receiver.handle(scoped)
      scoped.answered()
    }
    return new Response(out.body, { status: out.status, headers: out.headers })
  }
  return attachEmitter(handler, receiver)
}
