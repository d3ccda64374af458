import { abortEvent } from './create-event.js'
import type { Delivery } from './delivery.js'
import type { Pipeline } from './pipeline-context.js'

/** `handlerTimeout` passed: aborts `event.signal`; the claim is held until the handlers settle. */
export function stopWaiting(delivery: Delivery, pipeline: Pipeline): void {
  holdClaim(delivery, pipeline, true)
}

/**
 * Renews the claim's lease until the handlers settle, and gives them up at `handlerDeadline` (`abort`: aborts
 * `event.signal` first). Under `order`, a delivery that waited for its turn has both counted from its start.
 */
export function holdClaim(delivery: Delivery, pipeline: Pipeline, abort = false): void {
  const { done, event } = delivery
  if (!(done instanceof Promise) || event === undefined) return
  const { ordered, lease, options } = pipeline
  if (ordered === undefined) timedOut(delivery, abort, pipeline)
  else ordered.afterTimeout(delivery, abort)
  if (options.dedupe !== undefined) lease.keepAlive(event.id, done)
}

/** The handlers ran `handlerTimeout` since they started: `event.signal` aborted (`abort`), given up at `handlerDeadline`. */
export function timedOut(delivery: Delivery, abort: boolean, { running }: Pipeline): void {
  const event = delivery.event
  if (event === undefined) return
  if (abort) abortEvent(event)
  running.overdue(delivery)
}
