import { describeDelivery } from '../../diagnostics/trace-delivery.js'
import type { WebhookError } from '../../errors/webhook-error.js'
import type { Delivery } from '../delivery.js'
import type { Fail, HandleResponse, Reply } from '../handle-types.js'
import type { Pipeline } from '../pipeline-context.js'
import { invalidPayload, responses } from '../respond.js'
import { handlersTimedOut, type Waiter } from '../running-deliveries.js'
import { settleWithin } from '../settle-within.js'
import { stopWaiting } from '../stop-waiting.js'

/**
 * Step "answer": gives `reply` the response to a processed delivery; for one dispatched, once its handlers allow.
 * A throw from `reply` called later, once the handlers settle, goes to `fail`.
 */
export function answer(delivery: Delivery, pipeline: Pipeline, reply: Reply, fail: Fail): void {
  if (delivery.event === undefined) {
    reply(refusal(delivery, pipeline))
    return
  }
  const { ack, handlerTimeout } = pipeline.options
  // An unhandled delivery whose dead letter could not be written is neither handled nor kept: never a 200.
  const ok = delivery.kept ? undefined : responses.notKept
  // `done` is read only when the handlers do not run here (settled, or waiting for their turn under `order`):
  // while they run, reading it makes the promise that the wait on their entry below does without.
  if (delivery.running === undefined) {
    const done = delivery.done
    if (!(done instanceof Promise)) {
      reply(ok ?? afterHandlers(done, pipeline))
      return
    }
  }
  if (ack === 'immediately') {
    // The answer goes now; the handlers' own deadline still applies to them.
    settleWithin(delivery.done as Promise<WebhookError | undefined>, handlerTimeout).then(
      (outcome) => outcome.state === 'timed-out' && stopWaiting(delivery, pipeline),
    )
    answeredEarly(delivery, pipeline)
    reply(ok ?? responses.ok)
    return
  }
  // `done` never rejects, so the handlers end with a failure, none, or out of time.
  const ended: Waiter = (failure) => {
    try {
      if (failure !== handlersTimedOut) {
        reply(ok ?? afterHandlers(failure, pipeline))
        return
      }
      // Too slow: Blinger gets its 200 now, handlers are told through their signal and finish on their own.
      stopWaiting(delivery, pipeline)
      answeredEarly(delivery, pipeline)
      reply(ok ?? responses.ok)
    } catch (error) {
      fail(error)
    }
  }
  if (pipeline.running.waitFor(delivery, handlerTimeout, ended)) return
  settleWithin(delivery.done as Promise<WebhookError | undefined>, handlerTimeout).then((outcome) =>
    ended(
      outcome.state === 'timed-out'
        ? handlersTimedOut
        : outcome.state === 'fulfilled'
          ? outcome.value
          : undefined,
    ),
  )
}

/** The answer to a delivery that ended before dispatch. */
function refusal(delivery: Delivery, pipeline: Pipeline): HandleResponse {
  switch (delivery.outcome) {
    case 'invalid':
      return invalidPayload((delivery.payload as { webhook: string }).webhook, delivery.issues)
    case 'storeUnavailable':
      pipeline.report(delivery.failure as WebhookError)
      return responses.storeUnavailable
    default:
      return responses[
        delivery.outcome as 'duplicate' | 'notAnObject' | 'missingWebhook' | 'shuttingDown' | 'orderFull'
      ]
  }
}

/** The answer once the handlers settled: the one path for both `ack` modes, synchronous handlers or not. */
function afterHandlers(failure: WebhookError | undefined, { options, report }: Pipeline): HandleResponse {
  if (failure === undefined) return responses.ok
  // `close()` gave the handlers up: its dead letter (or warning line) is the trace, 503 if it was not kept.
  if (failure.code === 'shutdown') return failure.kept === false ? responses.shuttingDown : responses.ok
  report(failure)
  return options.ack === 'immediately' ? responses.ok : responses.handlerFailed
}

/**
 * Answered before the handlers settled: what they still do is reported when it ends, and a serverless platform
 * keeps it alive; a traced delivery is described as `accepted` (its fate comes after its trace ends).
 */
function answeredEarly(delivery: Delivery, { report }: Pipeline): void {
  const { trace, request } = delivery
  if (trace !== undefined) describeDelivery(trace, delivery)
  const reported = (delivery.done as Promise<WebhookError | undefined>).then((failure) => {
    if (failure !== undefined && failure.code !== 'shutdown') report(failure)
  })
  request?.waitUntil?.(reported)
}
