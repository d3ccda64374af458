import { byteLength } from '#platform'
import type { AccountCheck } from '../auth/create-account-check.js'
import { refuseWithoutToken, tokenMissing } from '../auth/token-missing.js'
import type { DeliveryContext } from '../diagnostics/diagnostics-contexts.js'
import { describeDelivery } from '../diagnostics/trace-delivery.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../receiver-options.js'
import { checkContentEncoding } from './check-content-encoding.js'
import { checkContentType } from './check-content-type.js'
import { checkMethod } from './check-method.js'
import { Delivery } from './delivery.js'
import type { HandleRequest, HandleResponse } from './handle-types.js'
import { parseJson, stripPoisonKeys } from './parse-json.js'
import { type ReadResult, readBody } from './read-body.js'
import { invalidPayload, payloadTooLarge, responses } from './respond.js'
import { settleWithin } from './settle-within.js'

/** The steps after parsing, shared with `receive()` (`process-delivery.ts`). */
interface ProcessDelivery {
  processDelivery(delivery: Delivery): Delivery | Promise<Delivery>
  /** `handlerTimeout` passed: abort `event.signal` and hold the claim until the handlers settle. */
  stopWaiting(delivery: Delivery): void
}

/** What the steps of `handle()` read of their receiver: made once per receiver, never per request. */
interface Handling {
  readonly limit: number
  readonly readTimeout: number
  readonly handlerTimeout: number
  readonly ack: ResolvedOptions['ack']
  /** The 413 of this `limit`, made once. */
  readonly tooLarge: HandleResponse
  readonly checkAuth: AccountCheck
  readonly steps: ProcessDelivery
  readonly report: (error: WebhookError) => void
}

/**
 * Builds `handle()`, the one pipeline every adapter calls. It always resolves, with the response to write back.
 * Each step stays synchronous unless it has to wait (a stream, a store, a handler), so it awaits only real
 * promises: a step gives `undefined` to go on, or the response that ends the request.
 */
export function createHandle(
  options: ResolvedOptions,
  checkAuth: AccountCheck,
  steps: ProcessDelivery,
  report: (error: WebhookError) => void,
): (request: HandleRequest, trace?: DeliveryContext) => Promise<HandleResponse> {
  const { limit, readTimeout, handlerTimeout, ack } = options
  const handling: Handling = {
    limit,
    readTimeout,
    handlerTimeout,
    ack,
    tooLarge: payloadTooLarge(limit),
    checkAuth,
    steps,
    report,
  }
  // `trace` is the delivery's trace context, given only while someone subscribes (`traceDelivery`).
  return async function handle(request: HandleRequest, trace?: DeliveryContext): Promise<HandleResponse> {
    if (!checkMethod(request.method)) return responses.methodNotAllowed
    const auth = handling.checkAuth(request)
    if (auth === undefined) return responses.unauthorized
    if (auth === tokenMissing) return refuseWithoutToken(report)
    if (!checkContentType(request.headers['content-type'])) return responses.unsupportedMediaType
    if (!checkContentEncoding(request.headers['content-encoding'])) return responses.unsupportedEncoding
    // The request, not `request.signal`: the signal is read only if a handler reads `event.signal`.
    const delivery = new Delivery(auth.account, request, trace)
    let refused = takeBody(request, delivery, handling)
    if (refused instanceof Promise) refused = bodyRead(await refused, delivery, handling)
    if (refused !== undefined) return refused
    refused = parse(delivery)
    if (refused !== undefined) return refused
    let processed = process(delivery, request, handling) // shape → schema → dedupe → dispatch
    if (processed instanceof Promise) processed = await processed
    const out = answer(processed, request.waitUntil, handling)
    return out instanceof Promise ? await out : out
  }
}

/**
 * Step "read body": sets `delivery.body` as the app's parser left it, or gives the response that ends here;
 * or the read of the stream, for `bodyRead`.
 */
function takeBody(
  request: HandleRequest,
  delivery: Delivery,
  { limit, readTimeout, tooLarge }: Handling,
): HandleResponse | undefined | Promise<ReadResult> {
  const { body, stream } = request
  // The declared length bounds every path: what a parser read, or what the stream is about to bring.
  if (Number(request.headers['content-length']) > limit) return tooLarge
  // A parser that ran consumed the stream; one that skipped this content type left it unread (Express 4's
  // body-parser still sets `req.body = {}` then), so an unread stream wins over whatever `body` holds.
  const parsedByApp =
    body !== undefined &&
    (stream === undefined || stream.readableDidRead === true || stream.readableEnded === true)
  if (parsedByApp) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      if ((typeof body === 'string' ? byteLength(body) : body.byteLength) > limit) return tooLarge
      delivery.body = body
      return undefined
    }
    // A parsed object has no byte length left; the declared one, checked above, is what the parser read.
    if (typeof body === 'object' && body !== null) {
      delivery.body = body
      delivery.bodyParsed = true
      return undefined
    }
    return responses.notAnObject
  }
  if (stream === undefined) return responses.invalidJson
  return readBody(stream, limit, readTimeout)
}

/** The end of step "read body" for a streamed body: `delivery.body`, or the response that ends here. */
function bodyRead(
  read: ReadResult,
  delivery: Delivery,
  { tooLarge, report }: Handling,
): HandleResponse | undefined {
  switch (read.kind) {
    case 'ok':
      delivery.body = read.body
      return undefined
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

/** Step "parse": `delivery.payload` from the body, the JSON parsed; or the 400 that ends here. */
function parse(delivery: Delivery): HandleResponse | undefined {
  const body = delivery.body as Uint8Array | string | object
  if (delivery.bodyParsed) {
    try {
      // Hashing first also rejects a cyclic object (it overflows the stack), which the strip would loop on,
      // and hashes what the app's parser gave, before the strip changes it.
      void delivery.id
      stripPoisonKeys(body)
    } catch {
      return responses.invalidJson // nested deeper than the stack, or cyclic: no JSON parser makes either
    }
    delivery.payload = body as Delivery['payload']
    return undefined
  }
  const parsed = parseJson(body as Uint8Array | string)
  if (!parsed.ok) return responses.invalidJson
  delivery.payload = parsed.value as Delivery['payload']
  return undefined
}

/** Steps "validate → dedupe → dispatch"; a traced delivery is described to its trace before it is answered. */
function process(
  delivery: Delivery,
  request: HandleRequest,
  { steps }: Handling,
): Delivery | Promise<Delivery> {
  const out = steps.processDelivery(delivery)
  if (delivery.trace === undefined) return out
  return out instanceof Promise ? out.then((done) => describe(done, request)) : describe(out, request)
}

function describe(delivery: Delivery, request: HandleRequest): Delivery {
  describeDelivery(delivery.trace as DeliveryContext, request, delivery)
  return delivery
}

/** Step "answer": the response to a processed delivery; for one dispatched, once its handlers allow. */
function answer(
  delivery: Delivery,
  waitUntil: HandleRequest['waitUntil'],
  handling: Handling,
): HandleResponse | Promise<HandleResponse> {
  switch (delivery.outcome) {
    case 'invalid':
      return invalidPayload((delivery.payload as { webhook: string }).webhook, delivery.issues)
    case 'storeUnavailable':
      handling.report(delivery.failure as WebhookError)
      return responses.storeUnavailable
    case 'dispatched':
    case undefined:
      break
    default:
      return responses[delivery.outcome]
  }
  const { done } = delivery
  const { ack, handlerTimeout, steps } = handling
  // An unhandled delivery whose dead letter could not be written is neither handled nor kept: never a 200.
  const ok = delivery.kept ? undefined : responses.notKept
  if (!(done instanceof Promise)) return ok ?? settled(done, handling)
  if (ack === 'immediately') {
    // The answer goes now; the handlers' own deadline still applies to them.
    settleWithin(done, handlerTimeout).then(
      (outcome) => outcome.state === 'timed-out' && steps.stopWaiting(delivery),
    )
    after(done, waitUntil, handling)
    return ok ?? responses.ok
  }
  // `done` never rejects, so its outcome is a failure, none, or out of time.
  return settleWithin(done, handlerTimeout).then((outcome) => {
    if (outcome.state !== 'timed-out')
      return ok ?? settled(outcome.state === 'fulfilled' ? outcome.value : undefined, handling)
    // Too slow: Blinger gets its 200 now, handlers are told through their signal and finish on their own.
    steps.stopWaiting(delivery)
    after(done, waitUntil, handling)
    return ok ?? responses.ok
  })
}

/** The answer once the handlers settled: the one path for both `ack` modes, synchronous handlers or not. */
function settled(failure: WebhookError | undefined, { ack, report }: Handling): HandleResponse {
  if (failure === undefined) return responses.ok
  // `close()` gave the handlers up: its dead letter (or warning line) is the trace, 503 if it was not kept.
  if (failure.code === 'shutdown') return failure.kept === false ? responses.shuttingDown : responses.ok
  report(failure)
  return ack === 'immediately' ? responses.ok : responses.handlerFailed
}

/** What handlers still do after the answer: reported when it ends; a serverless platform keeps it alive. */
function after(
  done: Promise<WebhookError | undefined>,
  waitUntil: HandleRequest['waitUntil'],
  { report }: Handling,
): void {
  const reported = done.then((failure) => {
    if (failure !== undefined && failure.code !== 'shutdown') report(failure)
  })
  waitUntil?.(reported)
}
