import type { HandleRequest } from './handle-types.js'

/**
 * Where a delivery's abort signal comes from: the signal itself (`receive()`), or the request, whose `signal`
 * or `response` is looked at only when a handler reads `event.signal`: an AbortController costs about a
 * microsecond, which most deliveries never need.
 */
export type SignalSource = AbortSignal | Pick<HandleRequest, 'signal' | 'response'> | undefined

/** A delivery's id, or the delivery that computes it on first read (dedupe off: nothing else needs it). */
export type IdSource = string | { readonly id: string }
