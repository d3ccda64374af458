import { errorLine } from '../errors/error-line.js'
import type { WebhookError } from '../errors/webhook-error.js'
import { dispatch } from './dispatch.js'
import type { TypedEmitter } from './typed-emitter.js'

/**
 * Hands `error` to the emitter's `error` listeners (they may be async). With none, it goes to
 * `console.error` as one line with no payload value (`errorLine`): like an EventEmitter without an `error`
 * listener, but without crashing, so a failure is never silent.
 */
export function emitError(emitter: TypedEmitter, error: WebhookError): void {
  if (!emitter.has('error')) {
    console.error(errorLine(error))
    return
  }
  // A failing error listener has no one left to tell.
  const settled = dispatch(emitter, ['error'], error)
  if (settled instanceof Promise) settled.catch(() => {})
}
