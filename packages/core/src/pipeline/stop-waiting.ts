import { abortEvent } from './create-event.js'
import type { Delivery } from './delivery.js'
import type { Pipeline } from './pipeline-context.js'

/** `handlerTimeout` passed: aborts `event.signal`; the claim is held until the handlers settle. */
export function stopWaiting(delivery: Delivery, pipeline: Pipeline): void {
  if (delivery.event !== undefined) abortEvent(delivery.event)
  holdClaim(delivery, pipeline)
}

/** Renews the claim's lease until the handlers settle, and gives them up at `handlerDeadline`. */
export function holdClaim(delivery: Delivery, { running, lease, options }: Pipeline): void {
  const { done, event } = delivery
  if (!(done instanceof Promise) || event === undefined) return
  running.overdue(event)
  if (options.dedupe !== undefined) lease.keepAlive(event.id, done)
}
