import { dispatch } from '../emitter/dispatch.js'
import type { AnyWebhookEvent, EmitterEventName } from '../emitter/event-map.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { outcomes } from '../pipeline/outcomes.js'
import { handlersChannel } from './channels.js'
import type { DeliveryContext, HandlersContext } from './diagnostics-contexts.js'

/** Whether the handlers' run must go through `traceHandlers`: a traced delivery, or a handlers subscriber. */
export function tracesHandlers(delivery: DeliveryContext | undefined): boolean {
  return delivery !== undefined || handlersChannel.hasSubscribers
}

/**
 * `dispatch()` inside the `blinger-webhooks:handlers` trace, with the same result: what the handlers threw.
 * A failure is published on the trace's `error` event with the handler's own error. A delivery no listener
 * takes is marked `unhandled` and not traced.
 */
export function traceHandlers(
  emitter: TypedEmitter,
  names: readonly EmitterEventName[],
  event: AnyWebhookEvent,
  delivery: DeliveryContext | undefined,
): readonly unknown[] | Promise<readonly unknown[]> {
  // Asked before dispatch, which takes `once` listeners off.
  if (!names.some((name) => emitter.has(name))) {
    if (delivery !== undefined) delivery.outcome = outcomes.unhandled.diagnostics
    return dispatch(emitter, names, event as never)
  }
  if (!handlersChannel.hasSubscribers) return dispatch(emitter, names, event as never)
  const context: HandlersContext = { id: event.id, name: event.name, webhook: event.webhook }
  let errors: readonly unknown[] = []
  const run = async () => {
    errors = await dispatch(emitter, names, event as never)
    context.outcome = errors.length === 0 ? outcomes.ok.diagnostics : outcomes.handlerFailed.diagnostics
    if (errors.length === 1) throw errors[0]
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} handlers failed.`)
  }
  return handlersChannel.tracePromise(run, context).then(
    () => errors,
    () => errors,
  )
}
