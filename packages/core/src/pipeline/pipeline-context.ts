import type { AccountCheck } from '../auth/create-account-check.js'
import type { DeadLetter } from '../dead-letters/dead-letter.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import type { WebhookError } from '../errors/webhook-error.js'
import type { OrderedDispatch } from '../order/ordered-dispatch.js'
import type { ResolvedOptions } from '../receiver-options.js'
import type { createClaimLease } from '../store/claim-lease.js'
import type { HandleResponse } from './handle-types.js'
import type { RunningDeliveries } from './running-deliveries.js'

/**
 * What every step reads of its receiver, besides the delivery: made once per receiver by `createPipeline`,
 * never per request. Each step is a module function of `(delivery, pipeline)`.
 */
export interface Pipeline {
  readonly options: ResolvedOptions
  readonly emitter: TypedEmitter
  /** Emits an error on the receiver's `error` event. */
  readonly report: (error: WebhookError) => void
  /** The check of the current tokens: `setTokens()` replaces it, and the next request reads the new one. */
  checkAuth: AccountCheck
  /** The 413 of `options.limit`, made once. */
  readonly tooLarge: HandleResponse
  /**
   * Keeps the dead letter of a lost delivery, `false` when it could not. Only deliveries answered over HTTP get
   * one: a `receive()` caller (a queue worker) gets the failure and keeps the job itself. `undefined` with
   * `deadLetters: false`.
   */
  readonly keep: ((letter: DeadLetter) => boolean) | undefined
  /** The dedupe claim's lease: confirmed once handled, renewed while handlers run late. */
  readonly lease: ReturnType<typeof createClaimLease>
  /**
   * The deliveries whose handlers still run: what `close()` drains and `handlerDeadline` ends. Under `order`,
   * also those waiting for their turn (`ordered.running`).
   */
  readonly running: RunningDeliveries
  /** `order`: what step "dispatch" runs handlers through; `undefined` when off (nothing is queued). */
  readonly ordered: OrderedDispatch | undefined
  /** Requests past the token check whose fate is not known yet: `close()` waits for them too. */
  unsettled: number
}
