import type { EventName } from '../emitter/event-names.js'

// The objects the channels carry. They never hold the token, the request, or any payload value: a subscriber
// sees ids, names, sizes and outcomes only.

/**
 * What became of a delivery by the time it was answered:
 * - `handled`: every handler ran and succeeded before the answer;
 * - `unhandled`: no handler (not even `*`) listened for its event; answered 200;
 * - `accepted`: answered before the handlers finished (`ack: 'immediately'`, or `handlerTimeout` passed); how
 *   they ended is the outcome of the `handlers` trace;
 * - `failed`: a handler failed (500), or the dedupe store did (503); `failure` holds the error;
 * - `duplicate`: seen within the dedupe TTL; answered 200, no handler ran;
 * - `invalid`: failed its schema in strict mode (422);
 * - `refused`: never became a delivery: wrong method, token, content type, size, JSON… (`status` says which).
 */
export type DeliveryOutcome =
  | 'handled'
  | 'unhandled'
  | 'accepted'
  | 'failed'
  | 'duplicate'
  | 'invalid'
  | 'refused'

/** The context of the `blinger-webhooks:delivery` trace. Filled in as the pipeline learns each field. */
export interface DeliveryContext {
  /** The delivery id, once the body was read. */
  id?: string
  /** Our event name, `'unknown'` for a webhook the v1.0 document does not name. */
  name?: EventName | 'unknown'
  /** Blinger's `webhook` field, e.g. `on_message_incoming`. */
  webhook?: string
  /** The body's size in bytes; for a body the app's parser had already parsed, its declared Content-Length. */
  payloadSize?: number
  /** Set before `asyncStart`. */
  outcome?: DeliveryOutcome
  /** The HTTP status answered. Set before `asyncStart`. */
  status?: number
  /**
   * Why the outcome is `failed`: what the handler threw (an `AggregateError` when several did), or the
   * `store_failed` `WebhookError`. Not named `error`, which the channel keeps for a `handle()` that threw.
   */
  failure?: unknown
}

/** The context of the `blinger-webhooks:handlers` trace. `error` (set by the channel) is a handler's error. */
export interface HandlersContext {
  readonly id: string
  readonly name: EventName | 'unknown'
  readonly webhook: string
  /** Set before `asyncStart`. */
  outcome?: 'handled' | 'failed'
}

/**
 * The message of `blinger-webhooks:enqueue`, published as a queue receiver stores a job. A subscriber may write
 * propagation fields (W3C `traceparent`, …) into `traceContext`: they travel in the job to the worker.
 */
export interface EnqueueMessage {
  readonly id: string
  readonly name: EventName | 'unknown'
  readonly traceContext: Record<string, string>
}

/** The context of the `blinger-webhooks:job` trace: one attempt of a queue worker at one job. */
export interface JobContext {
  readonly id: string
  readonly name: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** What subscribers of `blinger-webhooks:enqueue` wrote in the receiving process. */
  readonly traceContext: Readonly<Record<string, string>> | undefined
}
