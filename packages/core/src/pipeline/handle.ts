import { accountDeliveryId } from '../auth/account-delivery-id.js'
import type { AccountCheck } from '../auth/create-account-check.js'
import { WebhookError } from '../errors/webhook-error.js'
import type { ResolvedOptions } from '../resolve-options.js'
import { checkContentEncoding } from './check-content-encoding.js'
import { checkContentType } from './check-content-type.js'
import { checkMethod } from './check-method.js'
import type { SignalSource } from './create-event.js'
import { deliveryId } from './delivery-id.js'
import type { HandleRequest, HandleResponse } from './handle-types.js'
import { parseJson, stripPoisonKeys } from './parse-json.js'
import type { Processed } from './process-delivery.js'
import { readBody } from './read-body.js'
import { invalidPayload, payloadTooLarge, responses } from './respond.js'
import { settleWithin } from './settle-within.js'

type ProcessDelivery = (
  value: unknown,
  id: string,
  signal?: SignalSource,
  account?: string,
) => Promise<Processed>

/**
 * Builds `handle()`, the one pipeline every adapter calls: method → auth → content type → encoding → size →
 * parse → shape → schema → dedupe → dispatch. It always resolves, with the response to write back.
 */
export function createHandle(
  options: ResolvedOptions,
  checkAuth: AccountCheck,
  processDelivery: ProcessDelivery,
  report: (error: WebhookError) => void,
): (request: HandleRequest) => Promise<HandleResponse> {
  const { limit, readTimeout, handlerTimeout, ack } = options
  const tooLarge = payloadTooLarge(limit)

  /** The body as the app's parser left it, or as read from the stream; or the response that ends here. */
  const bodyOf = async (
    request: HandleRequest,
  ): Promise<{ raw: Buffer | string } | { parsed: object } | HandleResponse> => {
    const { body, stream } = request
    // The declared length bounds every path: what a parser read, or what the stream is about to bring.
    if (Number(request.headers['content-length']) > limit) return tooLarge
    // A parser that ran consumed the stream; one that skipped this content type left it unread (Express 4's
    // body-parser still sets `req.body = {}` then), so an unread stream wins over whatever `body` holds.
    const parsedByApp =
      body !== undefined &&
      (stream === undefined || stream.readableDidRead === true || stream.readableEnded === true)
    if (parsedByApp) {
      if (typeof body === 'string') return Buffer.byteLength(body) > limit ? tooLarge : { raw: body }
      if (body instanceof Uint8Array)
        return body.byteLength > limit
          ? tooLarge
          : { raw: Buffer.from(body.buffer, body.byteOffset, body.byteLength) }
      // A parsed object has no byte length left; the declared one, checked above, is what the parser read.
      if (typeof body === 'object' && body !== null) return { parsed: body }
      return responses.notAnObject
    }
    if (stream === undefined) return responses.invalidJson
    const read = await readBody(stream, limit, readTimeout)
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

  const answer = async (processed: Processed): Promise<HandleResponse> => {
    switch (processed.kind) {
      case 'not-an-object':
        return responses.notAnObject
      case 'missing-webhook':
        return responses.missingWebhook
      case 'invalid':
        return invalidPayload(processed.webhook, processed.issues)
      case 'duplicate':
        return responses.ok
      case 'store-failed':
        report(processed.error)
        return responses.storeUnavailable
      case 'dispatched':
        break
    }
    const { done, abort } = processed
    if (!(done instanceof Promise)) {
      if (done === undefined) return responses.ok
      report(done)
      return ack === 'immediately' ? responses.ok : responses.handlerFailed
    }
    if (ack === 'immediately') {
      done.then((failure) => failure && report(failure))
      settleWithin(done, handlerTimeout).then((outcome) => outcome.state === 'timed-out' && abort())
      return responses.ok
    }
    const outcome = await settleWithin(done, handlerTimeout)
    if (outcome.state === 'fulfilled') {
      if (outcome.value === undefined) return responses.ok
      report(outcome.value)
      return responses.handlerFailed
    }
    // Too slow: Blinger gets its 200 now, handlers are told through their signal and finish on their own.
    abort()
    done.then((failure) => failure && report(failure))
    return responses.ok
  }

  return async function handle(request: HandleRequest): Promise<HandleResponse> {
    if (!checkMethod(request.method)) return responses.methodNotAllowed
    const auth = checkAuth(request)
    if (auth === undefined) return responses.unauthorized
    if (!checkContentType(request.headers['content-type'])) return responses.unsupportedMediaType
    if (!checkContentEncoding(request.headers['content-encoding'])) return responses.unsupportedEncoding
    const body = await bodyOf(request)
    if ('status' in body) return body
    let value: unknown
    let id: string
    if ('parsed' in body) {
      value = body.parsed
      try {
        // Hashing first also rejects a cyclic object (it overflows the stack), which the strip would loop on.
        id = deliveryId(body.parsed)
        stripPoisonKeys(value)
      } catch {
        return responses.invalidJson // nested deeper than the stack, or cyclic: no JSON parser makes either
      }
    } else {
      const parsed = parseJson(body.raw)
      if (!parsed.ok) return responses.invalidJson
      value = parsed.value
      id = deliveryId(body.raw)
    }
    // The request, not `request.signal`: the signal is read only if a handler reads `event.signal`.
    return answer(await processDelivery(value, accountDeliveryId(auth.account, id), request, auth.account))
  }
}
