import { byteLength } from '#platform'
import { accountDeliveryId } from '../auth/account-delivery-id.js'
import type { AccountCheck } from '../auth/create-account-check.js'
import { refuseWithoutToken, tokenMissing } from '../auth/token-missing.js'
import type { DeliveryContext } from '../diagnostics/diagnostics-contexts.js' // diagnostics
import { describeDelivery } from '../diagnostics/trace-delivery.js' // diagnostics
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../receiver-options.js'
import { checkContentEncoding } from './check-content-encoding.js'
import { checkContentType } from './check-content-type.js'
import { checkMethod } from './check-method.js'
import type { IdSource, SignalSource } from './create-event.js'
import { deliveryId, type RawBody } from './delivery-id.js'
import type { HandleRequest, HandleResponse } from './handle-types.js'
import { parseJson, stripPoisonKeys } from './parse-json.js'
import type { Processed } from './process-delivery.js'
import { type ReadResult, readBody } from './read-body.js'
import { invalidPayload, payloadTooLarge, responses } from './respond.js'
import { settleWithin } from './settle-within.js'

type ProcessDelivery = (
  value: unknown,
  id: IdSource,
  signal?: SignalSource,
  trace?: DeliveryContext, // diagnostics
  account?: string,
) => Processed | Promise<Processed>

/** What `bodyOf` gives when a body is there: its raw bytes or text, or the object an app's parser made. */
type Body = RawBody | { readonly parsed: object }

/**
 * Builds `handle()`, the one pipeline every adapter calls: method → auth → content type → encoding → size →
 * parse → shape → schema → dedupe → dispatch. It always resolves, with the response to write back. Each step
 * stays synchronous unless it has to wait (a stream, a store, a handler), so it awaits only real promises.
 */
export function createHandle(
  options: ResolvedOptions,
  checkAuth: AccountCheck,
  processDelivery: ProcessDelivery,
  report: (error: WebhookError) => void,
): (request: HandleRequest, trace?: DeliveryContext) => Promise<HandleResponse> {
  const { limit, readTimeout, handlerTimeout, ack } = options
  const tooLarge = payloadTooLarge(limit)

  const bodyRead = (read: ReadResult): Body | HandleResponse => {
    switch (read.kind) {
      case 'ok':
        return { raw: read.body }
      case 'too-large':
        return tooLarge
      case 'timeout':
        return responses.requestTimeout
      case 'aborted':
        return responses.invalidJson
      case 'consumed':
        report(
          new WebhookError(
            'body_unavailable',
            'A body parser read the request but left no body. Mount the receiver before that parser, or use express.json() / express.raw() / express.text().',
          ),
        )
        return responses.bodyUnavailable
    }
  }

  /** The body as the app's parser left it, or as read from the stream; or the response that ends here. */
  const bodyOf = (request: HandleRequest): Body | HandleResponse | Promise<Body | HandleResponse> => {
    const { body, stream } = request
    // The declared length bounds every path: what a parser read, or what the stream is about to bring.
    if (Number(request.headers['content-length']) > limit) return tooLarge
    // A parser that ran consumed the stream; one that skipped this content type left it unread (Express 4's
    // body-parser still sets `req.body = {}` then), so an unread stream wins over whatever `body` holds.
    const parsedByApp =
      body !== undefined &&
      (stream === undefined || stream.readableDidRead === true || stream.readableEnded === true)
    if (parsedByApp) {
      if (typeof body === 'string') return byteLength(body) > limit ? tooLarge : { raw: body }
      if (body instanceof Uint8Array) return body.byteLength > limit ? tooLarge : { raw: body }
      // A parsed object has no byte length left; the declared one, checked above, is what the parser read.
      if (typeof body === 'object' && body !== null) return { parsed: body }
      return responses.notAnObject
    }
    if (stream === undefined) return responses.invalidJson
    return readBody(stream, limit, readTimeout).then(bodyRead)
  }

  /** The answer once the handlers settled: the one path for both `ack` modes, synchronous handlers or not. */
  const settled = (failure: WebhookError | undefined): HandleResponse => {
    if (failure === undefined) return responses.ok
    // `close()` gave the handlers up: its dead letter (or warning line) is the trace, 503 if it was not kept.
    if (failure.code === 'shutdown') return failure.kept === false ? responses.shuttingDown : responses.ok
    report(failure)
    return ack === 'immediately' ? responses.ok : responses.handlerFailed
  }

  /** What handlers still do after the answer: reported when it ends; a serverless platform keeps it alive. */
  const after = (done: Promise<WebhookError | undefined>, waitUntil: HandleRequest['waitUntil']) => {
    const reported = done.then((failure) => {
      if (failure !== undefined && failure.code !== 'shutdown') report(failure)
    })
    waitUntil?.(reported)
  }

  const answer = (
    processed: Processed,
    waitUntil: HandleRequest['waitUntil'],
  ): HandleResponse | Promise<HandleResponse> => {
    switch (processed.kind) {
      case 'invalid':
        return invalidPayload(processed.webhook, processed.issues)
      case 'storeUnavailable':
        report(processed.error)
        return responses.storeUnavailable
      case 'dispatched':
        break
      default:
        return responses[processed.kind]
    }
    const { abort, done } = processed
    // An unhandled delivery whose dead letter could not be written is neither handled nor kept: never a 200.
    const ok = processed.kept ? undefined : responses.notKept
    if (!(done instanceof Promise)) return ok ?? settled(done)
    if (ack === 'immediately') {
      // The answer goes now; the handlers' own deadline still applies to them.
      settleWithin(done, handlerTimeout).then((outcome) => outcome.state === 'timed-out' && abort())
      after(done, waitUntil)
      return ok ?? responses.ok
    }
    // `done` never rejects, so its outcome is a failure, none, or out of time.
    return settleWithin(done, handlerTimeout).then((outcome) => {
      if (outcome.state !== 'timed-out')
        return ok ?? settled(outcome.state === 'fulfilled' ? outcome.value : undefined)
      // Too slow: Blinger gets its 200 now, handlers are told through their signal and finish on their own.
      abort()
      after(done, waitUntil)
      return ok ?? responses.ok
    })
  }

  const deliver = (
    request: HandleRequest,
    body: Body,
    trace: DeliveryContext | undefined,
    account: string | undefined,
  ): HandleResponse | Processed | Promise<Processed> => {
    let value: unknown
    let id: IdSource
    if ('parsed' in body) {
      value = body.parsed
      try {
        // Hashing first also rejects a cyclic object (it overflows the stack), which the strip would loop on,
        // and hashes what the app's parser gave, before the strip changes it.
        id = deliveryId(body.parsed)
        stripPoisonKeys(value)
      } catch {
        return responses.invalidJson // nested deeper than the stack, or cyclic: no JSON parser makes either
      }
    } else {
      const parsed = parseJson(body.raw)
      if (!parsed.ok) return responses.invalidJson
      value = parsed.value
      id = body // hashed only when something needs the id
    }
    // With accounts, the id names its account (`acme/<hex>`), so it is made now; a bare one may wait for its hash.
    if (account !== undefined)
      id = accountDeliveryId(account, typeof id === 'string' ? id : deliveryId(id.raw))
    // The request, not `request.signal`: the signal is read only if a handler reads `event.signal`.
    const processed = processDelivery(value, id, request, trace, account)
    if (trace === undefined) return processed
    // diagnostics: a traced delivery's context is filled once its body was processed
    const describe = (done: Processed) => {
      // A dispatched event's id is hashed at most once, by whoever reads it first.
      const key =
        done.kind === 'dispatched' ? done.event.id : typeof id === 'string' ? id : deliveryId(id.raw)
      describeDelivery(trace, request, body, key, value, done)
      return done
    }
    return processed instanceof Promise ? processed.then(describe) : describe(processed)
  }

  // diagnostics: `trace` is the delivery's trace context, given only while someone subscribes (traceDelivery)
  return async function handle(request: HandleRequest, trace?: DeliveryContext): Promise<HandleResponse> {
    if (!checkMethod(request.method)) return responses.methodNotAllowed
    const auth = checkAuth(request)
    if (auth === undefined) return responses.unauthorized
    if (auth === tokenMissing) return refuseWithoutToken(report)
    if (!checkContentType(request.headers['content-type'])) return responses.unsupportedMediaType
    if (!checkContentEncoding(request.headers['content-encoding'])) return responses.unsupportedEncoding
    let body = bodyOf(request)
    if (body instanceof Promise) body = await body
    if ('status' in body) return body
    let processed = deliver(request, body, trace, auth.account)
    if (processed instanceof Promise) processed = await processed
    if ('status' in processed) return processed
    const out = answer(processed, request.waitUntil)
    return out instanceof Promise ? await out : out
  }
}
