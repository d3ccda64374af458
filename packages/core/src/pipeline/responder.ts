import type { HandleRequest, HandleResponse, Responder } from './handle-types.js'

// A registered symbol: a receiver made by another copy of core (CommonJS beside ESM) still carries it.
export const responderKey: unique symbol = Symbol.for('@blinger-webhooks/core/responder')

/**
 * The receiver's responder (`Responder`), which adapters call instead of `handle()`; for an object that only
 * has `handle()` (a test double, a receiver of an older core), `handle()` and then `reply`.
 */
export function responderOf(receiver: {
  handle(request: HandleRequest): Promise<HandleResponse>
}): Responder {
  const own = (receiver as Partial<Record<typeof responderKey, Responder>>)[responderKey]
  if (own !== undefined) return own
  return (request, reply, fail) => {
    receiver.handle(request).then(reply, fail)
  }
}
