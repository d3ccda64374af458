import { accountDeliveryId } from '../auth/account-delivery-id.js'
import type { DeliveryContext } from '../diagnostics/diagnostics-contexts.js'
import type { AnyWebhookEvent, ValidationIssue } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import type { WebhookError } from '../errors/webhook-error.js'
import type { DeliveryShape } from './check-shape.js'
import { deliveryId } from './delivery-id.js'
import type { SignalSource } from './event-sources.js'
import type { HandleRequest } from './handle-types.js'
import type { OutcomeName } from './outcomes.js'

/** What a delivery's handlers settle with: their failure, or none; never a rejection. */
export type HandlersDone = WebhookError | undefined | Promise<WebhookError | undefined>

/** A delivery's entry among the running deliveries (`running-deliveries.ts`), as the delivery sees it. */
export interface RunningHandlers {
  /** What the handlers settle with, as a promise made on the first call. */
  promise(): Promise<WebhookError | undefined>
}

/**
 * What became of a parsed delivery: its outcome in `outcomes`, or `dispatched` while its handlers decide it.
 * A dispatched delivery (one with an `event`) ends `ok`, `unhandled`, `handlerFailed`, or, given up,
 * `handlerTimeout` or `shuttingDown`.
 */
export type ProcessedOutcome =
  | Extract<
      OutcomeName,
      | 'notAnObject'
      | 'missingWebhook'
      | 'invalid'
      | 'duplicate'
      | 'shuttingDown'
      | 'storeUnavailable'
      | 'orderFull'
      | 'ok'
      | 'unhandled'
      | 'handlerFailed'
      | 'handlerTimeout'
    >
  | 'dispatched'

/**
 * One request (or `receive()` call) on its way through the steps: made once, after the token check, and filled
 * in by each step (body, payload, name, event), until it ends with an `outcome` from `outcomes.ts`, or
 * `dispatched` while its handlers decide it; then `settled()` tells its observers. It replaces the argument
 * lists the steps used to pass along.
 */
export class Delivery {
  /** The HTTP request (`handle()`), `undefined` for `receive()`: only a delivery answered over HTTP is kept as a dead letter. */
  request: HandleRequest | undefined = undefined
  /** The body, raw or as the app's parser left it, once read: what the id is the hash of. */
  body: Uint8Array | string | object | undefined = undefined
  /** Whether `body` is the object an app's parser made, rather than raw bytes or text. */
  bodyParsed = false
  /** The parsed body, then (once its shape checked) the payload handlers receive. */
  payload: DeliveryShape | undefined = undefined
  name: EventName | 'unknown' = 'unknown'
  outcome: ProcessedOutcome | undefined = undefined
  /** For `invalid`: the failing paths. */
  issues: readonly ValidationIssue[] = noIssues
  /** For `storeUnavailable`: the store's error; for `handlerFailed`: the handlers' failure. */
  failure: WebhookError | undefined = undefined
  /** For `dispatched`: the event handlers got. */
  event: AnyWebhookEvent | undefined = undefined
  /** While its handlers run: its entry in `pipeline.running`, which the answer waits on. */
  running: RunningHandlers | undefined = undefined
  #done: HandlersDone = undefined
  /** For `dispatched`: a webhook outside the eight that no `unknown` or `*` listener took. */
  unhandled = false
  /** `false` when the delivery needed a dead letter that could not be kept (`unhandled`: answer 503). */
  kept = true
  #id: string | undefined

  constructor(
    readonly account: string | undefined,
    /** The request (its `signal` is read only if a handler reads `event.signal`), or `receive()`'s signal. */
    readonly signal: SignalSource,
    /** The delivery's trace context, only while someone subscribes to the delivery channel. */
    readonly trace: DeliveryContext | undefined,
    id?: string,
  ) {
    this.#id = id
  }

  /**
   * What the handlers settle with. While they run (`running`), a promise made on the first read: the answer waits
   * on the running entry instead, so on the default path nothing reads it, and an async delivery allocates no
   * promise and resolver for it.
   */
  get done(): HandlersDone {
    return this.running === undefined ? this.#done : this.running.promise()
  }

  set done(done: HandlersDone) {
    this.#done = done
  }

  /** The id if something has read it already (dedupe's claim), without hashing. */
  get knownId(): string | undefined {
    return this.#id
  }

  /**
   * The delivery id, computed on first read and kept. Hashing the body is most of a small delivery's cost, and
   * with dedupe off nothing in the pipeline needs the id: it is hashed only when dedupe, a lifecycle event, a
   * dead letter, the trace or a handler reading `event.id` asks for it.
   */
  get id(): string {
    if (this.#id === undefined)
      this.#id = accountDeliveryId(this.account, deliveryId(this.body as Uint8Array | string | object))
    return this.#id
  }
}

const noIssues: readonly ValidationIssue[] = Object.freeze([])
