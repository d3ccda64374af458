import { byteLength } from '#platform'
import { WebhookError } from '../../errors/webhook-error.js'
import type { Delivery } from '../delivery.js'
import type { HandleResponse } from '../handle-types.js'
import type { Pipeline } from '../pipeline-context.js'
import { type ReadResult, readBody } from '../read-body.js'
import { responses } from '../respond.js'

/**
 * Step "read body": sets `delivery.body` as the app's parser left it, or gives the response that ends here;
 * or the read of the stream, for `bodyRead`.
 */
export function takeBody(
  delivery: Delivery,
  { options, tooLarge }: Pipeline,
): HandleResponse | undefined | Promise<ReadResult> {
  const { body, stream, headers } = delivery.request as NonNullable<Delivery['request']>
  const { limit } = options
  // The declared length bounds every path: what a parser read, or what the stream is about to bring.
  if (Number(headers['content-length']) > limit) return tooLarge
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
  return readBody(stream, limit, options.readTimeout)
}

/** The end of step "read body" for a streamed body: `delivery.body`, or the response that ends here. */
export function bodyRead(
  read: ReadResult,
  delivery: Delivery,
  { tooLarge, report }: Pipeline,
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
