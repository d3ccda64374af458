import type { DeliveryContext } from '../diagnostics/diagnostics-contexts.js'
import { WebhookError } from '../errors/webhook-error.js'
import { createOrderedDispatch } from '../order/ordered-dispatch.js'
import { createClaimLease } from '../store/claim-lease.js'
import { Delivery } from './delivery.js'
import type { Fail, HandleRequest, HandleResponse, Reply } from './handle-types.js'
import type { Pipeline } from './pipeline-context.js'
import { payloadTooLarge } from './respond.js'
import { createRunningDeliveries } from './running-deliveries.js'
import { settled } from './settled.js'
import { answer } from './steps/answer.js'
import { authenticate } from './steps/authenticate.js'
import { dedupe } from './steps/dedupe.js'
import { dispatchEvent, giveUp, giveUpWaiting, handlersSettled, runHandlers } from './steps/dispatch.js'
import { parse } from './steps/parse.js'
import { bodyRead, takeBody } from './steps/take-body.js'
import { validate } from './steps/validate.js'
import { timedOut } from './stop-waiting.js'

// The request path, in order: authenticate → read body → parse → validate → dedupe → dispatch → settle, and
// the answer. Each step is a module function of `(delivery, pipeline)` in `steps/`, and stays synchronous
// unless it has to wait (a stream, a store, a handler): it gives `undefined` to go on, or the response (or
// outcome) that ends the delivery, and only real promises are waited for. `settled()` tells the observers.

/**
 * `handle()`, the one pipeline every adapter calls. It always resolves, with the response to write back.
 * `trace` is the delivery's trace context, given only while someone subscribes (`traceDelivery`).
 */
export function handle(
  pipeline: Pipeline,
  request: HandleRequest,
  trace?: DeliveryContext,
): Promise<HandleResponse> {
  return new Promise((resolve, reject) => respond(pipeline, request, trace, resolve, reject))
}

/**
 * The pipeline with a callback: `reply` gets the response once, from the same microtask that carries the body in
 * (when no store or handler makes a step wait), instead of one more promise for `handle()` and another for the
 * adapter's `then`: over HTTP, 2.5 µs per request less with every feature off and 1.3 at the defaults
 * (`docs/performance.md`, "The frame"). The body still arrives through a promise, not a callback from the stream's
 * `'end'`: the promise's continuation is what runs the handlers in the caller's async context (AsyncLocalStorage,
 * an OpenTelemetry span), as `await` did, and a callback carried in an `AsyncResource` to keep that context counted
 * no fewer instructions per request than the promise, within noise. A throw in the steps goes to `fail`.
 */
export function respond(
  pipeline: Pipeline,
  request: HandleRequest,
  trace: DeliveryContext | undefined,
  reply: Reply,
  fail: Fail,
): void {
  const delivery = authenticate(request, trace, pipeline)
  if (!(delivery instanceof Delivery)) {
    reply(delivery)
    return
  }
  pipeline.unsettled++
  const taken = takeBody(delivery, pipeline)
  if (!(taken instanceof Promise)) {
    afterBody(taken, delivery, pipeline, reply, fail)
    return
  }
  taken.then((read) => {
    try {
      afterBody(bodyRead(read, delivery, pipeline), delivery, pipeline, reply, fail)
    } catch (error) {
      fail(error)
    }
  })
}

/** Parse → validate → dedupe → dispatch → answer, once the body is in (or refused: `refused`). */
function afterBody(
  refused: HandleResponse | undefined,
  delivery: Delivery,
  pipeline: Pipeline,
  reply: Reply,
  fail: Fail,
): void {
  refused ??= parse(delivery)
  if (refused !== undefined) {
    settled(delivery, pipeline)
    reply(refused)
    return
  }
  const processed = processDelivery(delivery, pipeline) // validate → dedupe → dispatch
  if (processed === undefined) answer(delivery, pipeline, reply, fail)
  else processed.then(() => answer(delivery, pipeline, reply, fail)).then(undefined, fail)
}

/**
 * Validate → dedupe → dispatch of a parsed delivery (`delivery.payload`): the steps `handle()` and `receive()`
 * share. A delivery that ends before dispatch is settled here, a dispatched one once its handlers settle.
 * A promise only when the store answers with one.
 */
export function processDelivery(delivery: Delivery, pipeline: Pipeline): Promise<void> | undefined {
  if (validate(delivery, pipeline) !== undefined) {
    settled(delivery, pipeline)
    return undefined
  }
  const claimed = dedupe(delivery, pipeline)
  if (claimed instanceof Promise) return claimed.then((stop) => dispatchUnless(stop, delivery, pipeline))
  dispatchUnless(claimed, delivery, pipeline)
  return undefined
}

/**
 * Dispatches a delivery that dedupe let through; one that ends here (duplicate, store down, closed, over a cap
 * of `orderLimits`) is settled.
 */
function dispatchUnless(stop: string | undefined, delivery: Delivery, pipeline: Pipeline): void {
  if (stop === undefined && dispatchEvent(delivery, pipeline) === undefined) return
  settled(delivery, pipeline)
}

/** The context every step reads, made once per receiver from what the receiver owns. */
export function createPipeline(
  own: Pick<Pipeline, 'options' | 'emitter' | 'report' | 'checkAuth' | 'keep'>,
): Pipeline {
  const { options, report } = own
  const running = createRunningDeliveries(options.handlerTimeout, options.handlerDeadline, {
    settle: (delivery, errors) => handlersSettled(delivery, errors, pipeline),
    giveUp: (delivery, reason) => giveUp(delivery, reason, pipeline),
  })
  // `order`: deliveries of one key dispatched one after another; its `running` also counts those waiting.
  const ordered =
    options.order === undefined
      ? undefined
      : createOrderedDispatch(options.order, options.handlerTimeout, running, {
          start: (delivery) => {
            runHandlers(delivery, pipeline)
            return delivery.done
          },
          fail: (delivery, errors) => handlersSettled(delivery, errors, pipeline),
          overdue: (delivery, abort) => timedOut(delivery, abort, pipeline),
          cut: (delivery) => giveUpWaiting(delivery, pipeline),
        })
  const pipeline: Pipeline = {
    ...own,
    tooLarge: payloadTooLarge(options.limit),
    lease: createClaimLease(options.dedupe, options.handlerTimeout, (cause, what) =>
      report(new WebhookError('store_failed', `The dedupe store failed to ${what}.`, { cause })),
    ),
    running: ordered?.running ?? running,
    ordered,
    unsettled: 0,
  }
  return pipeline
}
