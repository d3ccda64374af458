import { AsyncLocalStorage } from 'node:async_hooks'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type AlertOptions,
  createReceiver,
  type EmitterMethods,
  isEventName,
  PayloadSchemaByEventName,
  type ValidationIssue,
} from '@blinger-webhooks/core'
import { captureBody } from './capture-body.js'
import type { Delivery } from './delivery-types.js'
import { findUnknownFields } from './find-unknown-fields.js'
import { nestedDeeperThan } from './nested-deeper-than.js'

/** What the receiver's events told about the request being handled. */
interface Observed {
  id: string | null
  account: string | null
  name: string | null
  webhook: string | null
  duplicate: boolean
  invalid: boolean
  issues: readonly ValidationIssue[]
}

/** The inspector's webhook endpoint. */
export interface DeliveryReceiver {
  /** Receives one webhook request through the core pipeline, answers it, and describes what happened. */
  receive(request: IncomingMessage, response: ServerResponse): Promise<Omit<Delivery, 'seq'>>
  /** Refuses a request unread, before the pipeline sees it, with `{ error, message }`; describes it. */
  refuse(
    request: IncomingMessage,
    response: ServerResponse,
    refusal: { readonly status: number; readonly error: string; readonly message: string },
  ): Omit<Delivery, 'seq'>
  /** The core receiver's events, e.g. for `recordDeliveries`. */
  readonly events: EmitterMethods
}

/**
 * Builds the inspector's webhook endpoint: the core receiver in lenient validation (so an invalid payload is
 * still accepted and shown, flagged), answering exactly as a production receiver would. The receiver's events
 * run inside the request's async context, so each request learns its own id, flags and issues even when
 * several arrive at once.
 */
export function createDeliveryReceiver(options: {
  token: string | undefined
  limit: number
  alerts?: AlertOptions | false | undefined
}): DeliveryReceiver {
  const { token, limit, alerts } = options
  const receiver = createReceiver({
    validation: 'lenient',
    limit,
    ...(alerts === undefined ? {} : { alerts }),
    ...(token === undefined ? { allowUnauthenticated: true } : { token }),
  })
  const current = new AsyncLocalStorage<Observed>()
  // Each lifecycle event lands on the request it belongs to, found through the async context.
  const observe = (event: { id: string; account: string | undefined; name: string; webhook: string }) => {
    const seen = current.getStore()
    if (seen !== undefined) {
      seen.id = event.id
      seen.account = event.account ?? null
      seen.name = event.name
      seen.webhook = event.webhook
    }
    return seen
  }
  receiver.on('*', observe)
  receiver.on('invalid', (event) => {
    const seen = observe(event)
    if (seen === undefined) return
    seen.invalid = true
    seen.issues = event.issues
  })
  receiver.on('duplicate', (event) => {
    const seen = observe(event)
    if (seen !== undefined) seen.duplicate = true
  })
  // No handler runs here, so nothing reaches `error` but a bug; without a listener the core would print it.
  receiver.on('error', () => {})

  const receive: DeliveryReceiver['receive'] = async (request, response) => {
    const receivedAt = new Date().toISOString()
    const capture = captureBody(request, limit)
    const seen: Observed = {
      id: null,
      account: null,
      name: null,
      webhook: null,
      duplicate: false,
      invalid: false,
      issues: [],
    }
    let answer: Awaited<ReturnType<typeof receiver.handle>>
    try {
      answer = await current.run(seen, () =>
        receiver.handle({
          method: request.method,
          url: request.url ?? '/',
          headers: request.headers,
          stream: request,
        }),
      )
    } finally {
      capture.stop()
    }
    response.writeHead(answer.status, answer.headers).end(answer.body)

    const body = capture.bytes().toString('utf8')
    const parsed = parseJson(body)
    // The page shows a payload as a tree and the API sends it as JSON: neither survives 100,000 levels, which
    // the core accepts. Such a payload is shown by its raw text (`body`) only.
    const payload = nestedDeeperThan(parsed, maxTreeDepth) ? null : parsed
    const name = seen.name
    const unknownFields =
      name !== null && isEventName(name) && isObject(payload)
        ? findUnknownFields(PayloadSchemaByEventName[name], payload)
        : []
    return {
      id: seen.id,
      account: seen.account,
      receivedAt,
      method: request.method ?? '',
      path: (request.url ?? '/').split('?')[0] ?? '/',
      status: answer.status,
      size: capture.size > 0 ? capture.size : Number(request.headers['content-length']) || 0,
      webhook: seen.webhook ?? webhookOf(payload),
      name,
      duplicate: seen.duplicate,
      invalid: seen.invalid,
      issueCount: seen.issues.length,
      unknownFieldCount: unknownFields.length,
      error: answer.status >= 400 ? errorCodeOf(answer.body) : null,
      forward: null,
      body,
      payload,
      issues: seen.issues,
      unknownFields,
      response: { status: answer.status, body: answer.body },
    }
  }
  const refuse: DeliveryReceiver['refuse'] = (request, response, { status, error, message }) => {
    const answer = JSON.stringify({ error, message })
    // Unread, so the connection cannot be reused: closing it spares reading a body nobody wants.
    response
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' })
      .end(answer)
    return {
      id: null,
      account: null,
      receivedAt: new Date().toISOString(),
      method: request.method ?? '',
      path: (request.url ?? '/').split('?')[0] ?? '/',
      status,
      size: Number(request.headers['content-length']) || 0,
      webhook: null,
      name: null,
      duplicate: false,
      invalid: false,
      issueCount: 0,
      unknownFieldCount: 0,
      error,
      forward: null,
      body: '',
      payload: null,
      issues: [],
      unknownFields: [],
      response: { status, body: answer },
    }
  }
  return { receive, refuse, events: receiver }
}

/** Levels of nesting past which a payload is kept as text only; Blinger's payloads have fewer than ten. */
const maxTreeDepth = 100

function parseJson(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function webhookOf(payload: unknown): string | null {
  return isObject(payload) && typeof payload.webhook === 'string' ? payload.webhook : null
}

function errorCodeOf(body: string): string | null {
  const parsed = parseJson(body)
  return isObject(parsed) && typeof parsed.error === 'string' ? parsed.error : null
}
