/** A request body stream: a Node `IncomingMessage`, a web `ReadableStream`, or any async iterable of bytes. */
export type BodyStream = AsyncIterable<Uint8Array> & {
  /** Node streams: whether something already read from it (then `body` holds what that reader left). */
  readonly readableDidRead?: boolean
  readonly readableEnded?: boolean
}

/** What an adapter hands to the pipeline: plain data, never a framework object. */
export interface HandleRequest {
  /** The HTTP method. */
  method: string | undefined
  /** Path and query as received. The token may arrive as `?token=`. */
  url: string
  /** Request headers with lowercase names, as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>
  /** Whatever the app's body parser left: a Buffer, a string or a parsed object. `undefined` when none ran. */
  body?: unknown
  /** The raw body, read up to `limit` only when no parser has consumed it. */
  stream?: BodyStream | undefined
  /** Aborted when the client goes away; handlers see it through `event.signal`. */
  signal?: AbortSignal | undefined
  /**
   * The Node response, as the alternative to `signal`: when it closes before it finished, the client went
   * away and `event.signal` aborts. Only looked at if a handler reads `event.signal`, so an adapter that
   * passes it pays for no AbortController on requests whose handlers never do.
   */
  response?: ClosingResponse | undefined
  /**
   * A serverless platform's `waitUntil` (Workers' `ctx.waitUntil`, Vercel's `waitUntil`, Next.js's `after`): the
   * pipeline hands it, at most once, a promise (never rejecting) of the work that outlives the answer (handlers
   * still running after an `immediately` or `handlerTimeout` answer), so the platform keeps the instance alive.
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined
}

/** The part of Node's `ServerResponse` that tells a client went away. */
export interface ClosingResponse {
  readonly writableFinished: boolean
  readonly destroyed: boolean
  once(event: 'close', listener: () => void): unknown
}

/** What the pipeline answers. Adapters write it back verbatim; `body` is always our JSON, never an error's text. */
export interface HandleResponse {
  status: number
  headers: Readonly<Record<string, string>>
  body: string
}

/** Where the pipeline sends a delivery's response: called once. */
export type Reply = (response: HandleResponse) => void
/** Where the pipeline sends a failure of its own (a bug: by design it never fails). */
export type Fail = (error: unknown) => void

/**
 * An adapter's way into the pipeline: `handle()` with callbacks instead of a promise, so that a delivery whose
 * steps after the body are all synchronous is answered in the microtask that brings the body in, without
 * `handle()`'s promise and the adapter's `then` (`respond` in `pipeline.ts`).
 */
export type Responder = (request: HandleRequest, reply: Reply, fail: Fail) => void
