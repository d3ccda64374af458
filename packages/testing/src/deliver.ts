import type {
  AnyWebhookEvent,
  EmitterMethods,
  EventName,
  PayloadByEventName,
  Receiver,
  WebhookEvent,
} from '@blinger-webhooks/core'
import { messageFrom } from '@blinger-webhooks/core/internal'
import { createPayload } from './create-payload.js'
import type { DeepPartial } from './deep-partial.js'
import { DeliverError } from './deliver-error.js'
import { isSameJson } from './is-same-json.js'

/**
 * Where `deliver` sends: a URL (a real HTTP POST with `fetch`), or a receiver in this process (its `handle()`
 * is called directly): a core `Receiver`, or an adapter's value, which carries it as `.receiver`.
 */
export type DeliverTarget = string | URL | Receiver | { readonly receiver: Receiver }

/** Options of `deliver`. */
export interface DeliverOptions {
  /** The token to present, as the receiver's `token` option expects. @default none: no token is sent */
  token?: string
  /** Where the token goes: `query` appends `?token=` as Blinger does; `header` sends `Authorization: Bearer`. @default 'query' */
  tokenIn?: 'query' | 'header'
  /** Extra request headers (lowercase names); they win over `content-type: application/json`. @default {} */
  headers?: Readonly<Record<string, string>>
  /**
   * For a URL target: the receiver (or adapter value) serving that URL in this process. Its event is then
   * captured and returned as `event`, as for an in-process target.
   * @default undefined: `event` is always `undefined` for a URL target
   */
  observe?: EmitterMethods
  /** For a URL target: milliseconds to wait for the answer before rejecting. @default 10_000 */
  timeout?: number
}

/** What `deliver` resolves to. */
export interface DeliverResult<E = AnyWebhookEvent> {
  /** The HTTP status the receiver answered. */
  readonly status: number
  /** The response headers, lowercase names. */
  readonly headers: Readonly<Record<string, string>>
  /** The response body parsed as JSON, or the text itself when it is not JSON. */
  readonly body: unknown
  /** The response body as text. */
  readonly text: string
  /**
   * The receiver answered `{ "ok": true, "duplicate": true }`: it saw this body within the dedupe TTL and ran no
   * handler. Send different overrides (or use a fresh receiver) to run the handlers again.
   */
  readonly duplicate: boolean
  /**
   * The event the receiver emitted for this delivery, as its handlers saw it. `undefined` when it emitted
   * none (401, 422, a duplicate…), and for a URL target without `observe`.
   */
  readonly event: E | undefined
}

const prefixed = messageFrom('testing')

/**
 * Sends the spec's sample of `name`, with `overrides` deep-merged (see `createPayload`), to a URL or to a
 * receiver in this process, and resolves with the status, the parsed body and the emitted event.
 * @example
 * const receiver = createReceiver({ token: 'test' })
 * receiver.on('message.incoming', (event) => reply(event.payload.message.message))
 * const { status, event } = await deliver(receiver, 'message.incoming', { message: { message: 'Hi' } }, { token: 'test' })
 * // status: 200; event?.payload.message.message: 'Hi'
 */
export function deliver<N extends EventName>(
  target: DeliverTarget,
  name: N,
  overrides?: DeepPartial<PayloadByEventName[N]>,
  options?: DeliverOptions,
): Promise<DeliverResult<WebhookEvent<N>>>
/**
 * Sends `payload` exactly as given (serialized as JSON, never checked), to send a recorded delivery, an
 * unknown webhook or a broken payload.
 * @example
 * const { status, body } = await deliver(receiver, { webhook: 'on_message_incoming' }, { token: 'test' })
 * // status: 422; body.issues lists the missing fields
 */
export function deliver(
  target: DeliverTarget,
  payload: object,
  options?: DeliverOptions,
): Promise<DeliverResult>
export async function deliver(
  target: DeliverTarget,
  nameOrPayload: EventName | object,
  overridesOrOptions?: object,
  maybeOptions?: DeliverOptions,
): Promise<DeliverResult> {
  const named = typeof nameOrPayload === 'string'
  const options: DeliverOptions = (named ? maybeOptions : overridesOrOptions) ?? {}
  const payload: unknown = named ? createPayload(nameOrPayload, overridesOrOptions as never) : nameOrPayload
  const text = JSON.stringify(payload)
  if (text === undefined) throw new TypeError(prefixed(`The payload cannot be serialized as JSON.`))
  const body = Buffer.from(text)

  const url = typeof target === 'string' || target instanceof URL
  const receiver = url ? undefined : 'handle' in target ? target : target.receiver
  const observer = options.observe ?? receiver
  // Match by content, not by "the next event": several deliveries may be in flight at once.
  const sent: unknown = JSON.parse(text)
  let captured: AnyWebhookEvent | undefined
  const capture = (event: AnyWebhookEvent) => {
    if (captured === undefined && isSameJson(event.payload, sent)) captured = event
  }
  observer?.on('*', capture)
  try {
    const response =
      receiver === undefined
        ? await post(target as string | URL, body, options)
        : await handleIn(receiver, body, options)
    const parsed = parseBody(response.text)
    return { ...response, body: parsed, duplicate: isDuplicateAnswer(parsed), event: captured }
  } finally {
    observer?.off('*', capture)
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  text: string
}

function headersOf(options: DeliverOptions): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.token !== undefined && options.tokenIn === 'header')
    headers.authorization = `Bearer ${options.token}`
  return { ...headers, ...options.headers }
}

async function handleIn(receiver: Receiver, body: Buffer, options: DeliverOptions): Promise<RawResponse> {
  const query =
    options.token !== undefined && options.tokenIn !== 'header'
      ? `?${new URLSearchParams({ token: options.token })}`
      : ''
  const response = await receiver.handle({
    method: 'POST',
    url: `/${query}`,
    headers: headersOf(options),
    body,
  })
  return { status: response.status, headers: { ...response.headers }, text: response.body }
}

async function post(target: string | URL, body: Buffer, options: DeliverOptions): Promise<RawResponse> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new TypeError(prefixed(`Not a URL: ${String(target)}`))
  }
  // Named without its query, so a token in the URL never lands in an error message or a log.
  const where = `${url.origin}${url.pathname}`
  if (options.token !== undefined && options.tokenIn !== 'header')
    url.searchParams.set('token', options.token)
  const timeout = options.timeout ?? 10_000
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: headersOf(options),
      body,
      // A redirect is the answer: following it would send the payload, and the token in the URL, elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    })
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text: await response.text(),
    }
  } catch (cause) {
    throw new DeliverError(where, describeFailure(cause, timeout), { cause })
  }
}

/** One line on why a request got no answer: `connect ECONNREFUSED 127.0.0.1:1`, not `fetch failed`. */
function describeFailure(error: unknown, timeout: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeout} ms`
  const cause = error instanceof Error ? error.cause : undefined
  const message =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error)
  // fetch refuses ports such as 1, 9 or 6000 (the Fetch standard's "bad ports") before connecting.
  return message === 'bad port'
    ? 'fetch does not allow this port ("bad port" in the Fetch standard); use another'
    : message
}

function isDuplicateAnswer(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { duplicate?: unknown }).duplicate === true
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
