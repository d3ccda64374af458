import { createAlarms } from './alerts/create-alarms.js'
import { accountDeliveryId } from './auth/account-delivery-id.js'
import { anonymous, createAccountCheck } from './auth/create-account-check.js'
import type { AccountOf, TokenOption, TokensFor } from './auth/token-option.js'
import { createDeadLetters, type DeadLetters } from './dead-letters/create-dead-letters.js'
import type { DeliveryContext } from './diagnostics/diagnostics-contexts.js'
import { traceDelivery, traceResponder } from './diagnostics/trace-delivery.js'
import { delegateEmitter } from './emitter/delegate-emitter.js'
import { emitError } from './emitter/emit-error.js'
import type { AnyAccount, AnyWebhookEvent } from './emitter/event-map.js'
import { type EmitterMethods, TypedEmitter } from './emitter/typed-emitter.js'
import { describeGiven } from './errors/describe-given.js'
import { messageFrom } from './errors/message-from.js'
import { WebhookError } from './errors/webhook-error.js'
import { Delivery } from './pipeline/delivery.js'
import { deliveryId } from './pipeline/delivery-id.js'
import type { HandleRequest, HandleResponse } from './pipeline/handle-types.js'
import { outcomes } from './pipeline/outcomes.js'
import { createPipeline, handle as handleWith, processDelivery, respond } from './pipeline/pipeline.js'
import { responderKey } from './pipeline/responder.js'
import { settleWithin } from './pipeline/settle-within.js'
import { holdClaim } from './pipeline/stop-waiting.js'
import { type ReceiverOptions, resolveOptions, resolveTokens } from './receiver-options.js'

/** Options of one `receive()` call. */
export interface ReceiveOptions<A extends AnyAccount = AnyAccount> {
  /** The delivery id, e.g. a queue job's id. @default the sha256 of the payload's canonical JSON (`account/…` with an account) */
  id?: string
  /** The account the delivery came from, as `handle()` found it by its token (a queue job carries it). @default undefined */
  account?: A
  /** Aborts `event.signal`, e.g. when a worker shuts down. */
  signal?: AbortSignal
}

/** Options of `close()`. */
export interface CloseOptions {
  /** Milliseconds to wait for running handlers before giving them up as dead letters (`shutdown`). @default handlerTimeout */
  timeout?: number
}

/** What `receive()` resolves to. */
export interface ReceiveResult<A extends AnyAccount = AnyAccount> {
  readonly id: string
  /** `true` when the id was seen within the dedupe TTL; no handler ran. */
  readonly duplicate: boolean
  /** The event handlers received; `undefined` for a duplicate. */
  readonly event: AnyWebhookEvent<A> | undefined
  /** `true` for a webhook outside the eight that no `unknown` or `*` listener took: nothing handled it. */
  readonly unhandled: boolean
}

/** A receiver: the typed emitter, the HTTP pipeline adapters call, and a direct entry for tests and workers. */
export interface Receiver<A extends AnyAccount = AnyAccount> extends EmitterMethods<A> {
  /** Runs the whole pipeline on one HTTP request. Always resolves, with the response to write back. */
  handle(request: HandleRequest): Promise<HandleResponse>
  /**
   * Validates, dedupes and dispatches a parsed payload, and awaits every listener. Rejects with a
   * `WebhookError` when the payload is not a delivery (`bad_request`), fails its schema in strict mode
   * (`invalid_payload`), the store fails (`store_failed`), or a listener fails (`handler_failed`).
   */
  receive(payload: unknown, options?: ReceiveOptions<A>): Promise<ReceiveResult<A>>
  /**
   * Replaces the accepted tokens, with the same forms and checks as the `token` option, without a restart: the
   * next request is checked against the new map, so a removed account's token gets 401 at once.
   * Deliveries already past the check finish as they began. Throws, keeping the old tokens, on a bad map.
   */
  setTokens(token: TokensFor<A>): void
  /** Where `handle()` keeps the deliveries it answers but does not get handled (the `deadLetters` option). */
  readonly deadLetters: DeadLetters
  /**
   * Drains the receiver, for a deploy's SIGTERM: deliveries still arriving are handled as usual while the deadline
   * allows, running handlers (also those answered long ago) are awaited until `timeout`; then their
   * `event.signal` is aborted and each delivery not handled yet becomes a dead letter with reason `shutdown` (or a
   * warning line, without the option); later requests get 503. Then the dead-letter file is flushed, synced and
   * closed. Calling it again returns the same promise.
   */
  close(options?: CloseOptions): Promise<void>
  /** How many deliveries' handlers are running now, e.g. for a readiness probe during a drain. */
  readonly running: number
}

/**
 * Creates a framework-neutral receiver. Adapters wrap one; use it directly for tests, queue workers or a
 * framework without an adapter.
 * @example
 * const receiver = createReceiver({ token: process.env.BLINGER_TOKEN })
 * receiver.on('message.incoming', (event) => console.log(event.payload.message.message))
 * const response = await receiver.handle({ method: 'POST', url: '/?token=…', headers: {}, body: payload })
 */
export function createReceiver<T extends TokenOption = TokenOption>(
  options: ReceiverOptions<T>,
): Receiver<AccountOf<T>> {
  const resolved = resolveOptions(options)
  const emitter = new TypedEmitter()

  const report = (error: WebhookError) => emitError(emitter, error)

  const deadLetters = createDeadLetters(resolved.deadLetters, report)
  const alarms = createAlarms(resolved.alerts, emitter, report) // alerts: watches each request's account check
  const checkOf = (accounts: typeof resolved.accounts) =>
    alarms.watch(accounts === undefined ? () => anonymous : createAccountCheck(accounts))
  // One pipeline for `handle()` and `receive()`: only deliveries answered over HTTP become dead letters.
  const pipeline = createPipeline({
    options: resolved,
    emitter,
    report,
    checkAuth: checkOf(resolved.accounts),
    keep: deadLetters.keep,
  })
  const setTokens = (token: TokenOption) => {
    pipeline.checkAuth = checkOf(resolveTokens(token, options.allowUnauthenticated))
  }
  const handle = traceDelivery((request: HandleRequest, trace?: DeliveryContext) =>
    handleWith(pipeline, request, trace),
  )
  const responder = traceResponder(handle, (request, reply, fail) =>
    respond(pipeline, request, undefined, reply, fail),
  )

  const receive = async (payload: unknown, receiveOptions: ReceiveOptions = {}): Promise<ReceiveResult> => {
    let id = receiveOptions.id
    const { account } = receiveOptions
    if (id === undefined && typeof payload === 'object' && payload !== null) {
      try {
        id = accountDeliveryId(account, deliveryId(payload))
      } catch (cause) {
        throw new WebhookError('bad_request', 'The payload cannot be serialized as JSON.', { cause })
      }
    }
    id ??= ''
    const delivery = new Delivery(account, receiveOptions.signal, undefined, id)
    delivery.payload = payload as never
    await processDelivery(delivery, pipeline)
    const { event, outcome } = delivery
    if (event === undefined)
      switch (outcome) {
        case 'notAnObject':
        case 'missingWebhook':
        case 'shuttingDown':
        case 'orderFull':
          throw new WebhookError(outcomes[outcome].raises, receiveMessages[outcome])
        case 'invalid':
          throw new WebhookError(
            outcomes.invalid.raises,
            `The payload does not match the ${(payload as { webhook: string }).webhook} schema.`,
            { issues: delivery.issues },
          )
        case 'duplicate':
          return { id, duplicate: true, event: undefined, unhandled: false }
        default:
          throw delivery.failure // storeUnavailable
      }
    const { done } = delivery
    if (done instanceof Promise)
      settleWithin(done, resolved.handlerTimeout).then(
        (settled) => settled.state === 'timed-out' && holdClaim(delivery, pipeline),
      )
    const failure = await done
    if (failure !== undefined) throw failure
    return { id, duplicate: false, event, unhandled: delivery.unhandled }
  }

  const running = () => pipeline.running.size
  let closing: Promise<void> | undefined
  const drain = async (timeout: number) => {
    const deadline = performance.now() + timeout
    // Requests still arriving, and their handlers, are handled as usual until the deadline. A shutdown can
    // afford to look every 10 ms; the request path then needs no notification on the way out.
    for (let left = timeout; left > 0; left = deadline - performance.now()) {
      if (pipeline.unsettled + running() === 0) break
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, left)))
    }
    const lost = pipeline.running.cutAll()
    if (lost > 0)
      report(
        new WebhookError(
          'dead_letter_failed',
          `close(): ${lost} deliveries still running at the deadline could not be kept as dead letters.`,
        ),
      )
    await deadLetters.output.close()
  }
  const close = (closeOptions: CloseOptions = {}) => {
    alarms.stop()
    closing ??= drain(
      closeOptions.timeout === undefined ? resolved.handlerTimeout : nonNegative(closeOptions.timeout),
    )
    return closing
  }

  // `running` reads the count on each access; the responder is for adapters (`responderOf`), not enumerable.
  const receiver = Object.defineProperties(
    Object.assign(
      { handle, receive, setTokens, close, deadLetters: deadLetters.output },
      delegateEmitter(emitter),
    ),
    { running: { enumerable: true, get: running }, [responderKey]: { value: responder } },
  ) as Receiver
  // The emitter is untyped in `account`; `AccountOf<T>` is what `handle()` puts there.
  return receiver as Receiver<AccountOf<T>>
}

const prefixed = messageFrom('core')

/** What `receive()` says of the refusals `handle()` answers with a fixed text. */
const receiveMessages = {
  notAnObject: 'The payload must be an object.',
  missingWebhook: 'The payload has no string "webhook" field.',
  shuttingDown: 'The receiver is closed: nothing more is handled.',
  orderFull: 'Too many deliveries are waiting for their turn (orderLimits): this one was not run.',
} as const

function nonNegative(timeout: number): number {
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)
    throw new RangeError(
      prefixed(`close({ timeout }) must be a number of milliseconds ≥ 0, got ${describeGiven(timeout)}.`),
    )
  return timeout
}
