import { traceHandlers, tracesHandlers } from '../../diagnostics/trace-handlers.js'
import { dispatch } from '../../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName } from '../../emitter/event-map.js'
import { groupOf } from '../../emitter/event-names.js'
import type { WebhookError } from '../../errors/webhook-error.js'
import { createEvent } from '../create-event.js'
import type { Delivery } from '../delivery.js'
import { handlerFailure } from '../handler-failure.js'
import type { Pipeline } from '../pipeline-context.js'
import type { GiveUpReason } from '../running-deliveries.js'
import { settled } from '../settled.js'
import { release } from './dedupe.js'

/**
 * Step "dispatch": makes the event and runs its handlers. `delivery.done` settles with them; with synchronous
 * handlers the delivery is settled on return, otherwise `pipeline.running` settles it. Gives `shuttingDown`
 * once the receiver is closed (nothing more is dispatched), `undefined` otherwise.
 */
export function dispatchEvent(delivery: Delivery, pipeline: Pipeline): 'shuttingDown' | undefined {
  const { emitter, running } = pipeline
  if (running.closed) {
    // The claim is let go so that a retry is not taken for a duplicate.
    if (pipeline.options.dedupe !== undefined) release(delivery.id, pipeline)
    delivery.outcome = 'shuttingDown'
    return 'shuttingDown'
  }
  const { name, trace } = delivery
  const event = createEvent(delivery)
  delivery.event = event
  delivery.outcome = 'dispatched'
  const names: readonly EmitterEventName[] =
    name === 'unknown' ? ['unknown', '*'] : [name, groupOf(name), '*']
  // Asked before dispatch, which takes `once` listeners off.
  delivery.unhandled = name === 'unknown' && !emitter.has('unknown') && !emitter.has('*')
  const errors = tracesHandlers(trace) // the handlers' trace, only when someone subscribes
    ? traceHandlers(emitter, names, event, trace)
    : dispatch(emitter, names, event as never)
  // Handlers that did not settle at once are tracked: `close()` drains them and `handlerDeadline` ends them.
  delivery.done = Array.isArray(errors)
    ? handlersSettled(delivery, errors, pipeline)
    : running.track(delivery, errors as Promise<readonly unknown[]>)
  return undefined
}

/**
 * The handlers of a dispatched delivery settled: its outcome and failure, and its claim confirmed or let go.
 * A delivery given up already (`handlerTimeout`, `shuttingDown`) is settled, its letter written: only its claim
 * learns how it ended.
 */
export function handlersSettled(
  delivery: Delivery,
  errors: readonly unknown[],
  pipeline: Pipeline,
): WebhookError | undefined {
  const event = delivery.event as AnyWebhookEvent
  const givenUp = delivery.outcome !== 'dispatched'
  if (errors.length === 0) {
    // With dedupe off, reading the id would hash it.
    if (pipeline.options.dedupe !== undefined) pipeline.lease.confirm(event.id)
    if (givenUp) return undefined
    delivery.outcome = delivery.unhandled ? 'unhandled' : 'ok'
    settled(delivery, pipeline)
    return undefined
  }
  release(event.id, pipeline)
  const failure = handlerFailure(errors, event)
  if (givenUp) return failure
  delivery.failure = failure
  delivery.outcome = 'handlerFailed'
  settled(delivery, pipeline)
  return failure
}

/**
 * Gives a dispatched delivery up, at `handlerDeadline` or `close()`'s deadline: it is settled (its dead letter
 * written) and ends with the failure whose `kept` says whether that letter was kept.
 */
export function giveUp(delivery: Delivery, reason: GiveUpReason, pipeline: Pipeline): WebhookError {
  delivery.outcome = reason === 'timeout' ? 'handlerTimeout' : 'shuttingDown'
  settled(delivery, pipeline)
  return delivery.failure as WebhookError
}
