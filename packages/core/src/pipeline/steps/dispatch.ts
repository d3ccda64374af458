import { traceHandlers, tracesHandlers } from '../../diagnostics/trace-handlers.js'
import { dispatch } from '../../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName } from '../../emitter/event-map.js'
import { groupOf } from '../../emitter/event-names.js'
import type { WebhookError } from '../../errors/webhook-error.js'
import { orderFull } from '../../order/ordered-dispatch.js'
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
 * once the receiver is closed (nothing more is dispatched), `orderFull` over a cap of `orderLimits` (never run),
 * `undefined` otherwise. Under `order`, the handlers run now or after the earlier deliveries of their key.
 */
export function dispatchEvent(
  delivery: Delivery,
  pipeline: Pipeline,
): 'shuttingDown' | 'orderFull' | undefined {
  const { emitter, running, ordered } = pipeline
  if (running.closed) {
    // The claim is let go so that a retry is not taken for a duplicate.
    if (pipeline.options.dedupe !== undefined) release(delivery.id, pipeline)
    delivery.outcome = 'shuttingDown'
    return 'shuttingDown'
  }
  const { name } = delivery
  delivery.event = createEvent(delivery)
  delivery.outcome = 'dispatched'
  // Asked before dispatch, which takes `once` listeners off.
  delivery.unhandled = name === 'unknown' && !emitter.has('unknown') && !emitter.has('*')
  if (ordered === undefined) {
    runHandlers(delivery, pipeline)
    return undefined
  }
  const done = ordered.run(delivery)
  if (done !== orderFull) {
    delivery.done = done
    return undefined
  }
  // Never run: refused as before dispatch, its claim let go; `settled()` keeps it as an `overflow` dead letter.
  if (pipeline.options.dedupe !== undefined) release(delivery.id, pipeline)
  delivery.event = undefined
  delivery.unhandled = false
  delivery.outcome = 'orderFull'
  return 'orderFull'
}

// The names whose listeners an event reaches, most specific first, made once per event name: the list and the
// group's name would otherwise be two allocations per delivery. Bounded: event names are a closed set.
const listenerNames = new Map<string, readonly EmitterEventName[]>()
function listenerNamesOf(name: Delivery['name']): readonly EmitterEventName[] {
  let names = listenerNames.get(name)
  if (names === undefined) {
    // Not frozen: `for…of` over a frozen array allocated iterator results here (161 bytes a delivery, measured).
    names = name === 'unknown' ? ['unknown', '*'] : [name, groupOf(name), '*']
    listenerNames.set(name, names)
  }
  return names
}

/**
 * Runs the handlers of a delivery whose event is made: at once, or when its turn comes under `order`. Handlers
 * that settled at once leave `delivery.done` their failure; the others are tracked (`close()` drains them and
 * `handlerDeadline` ends them), and `done` is a promise, made when something reads it.
 */
export function runHandlers(delivery: Delivery, pipeline: Pipeline): void {
  const { emitter } = pipeline
  const { name, trace } = delivery
  const event = delivery.event as AnyWebhookEvent
  const names = listenerNamesOf(name)
  const errors = tracesHandlers(trace) // the handlers' trace, only when someone subscribes
    ? traceHandlers(emitter, names, event, trace)
    : dispatch(emitter, names, event as never)
  if (Array.isArray(errors)) delivery.done = handlersSettled(delivery, errors, pipeline)
  else pipeline.running.track(delivery, errors as Promise<readonly unknown[]>)
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

/**
 * `close()` at its deadline, under `order`: a delivery that waited for its turn and never started is given up as
 * `shutdown` (its dead letter written, in receive order), and its claim let go so that a replay is not a duplicate.
 */
export function giveUpWaiting(delivery: Delivery, pipeline: Pipeline): WebhookError {
  release(delivery.id, pipeline)
  return giveUp(delivery, 'shutdown', pipeline)
}
