import type { AnyWebhookEvent, EmitterEventName } from '../emitter/event-map.js'
import { WebhookError } from '../errors/webhook-error.js'

/**
 * The `handler_failed` error of what a delivery's handlers, or the listeners of a lifecycle event (`invalid`,
 * `duplicate`, an alarm: named by `of`), threw or rejected with.
 */
export function handlerFailure(
  errors: readonly unknown[],
  of: AnyWebhookEvent | EmitterEventName,
): WebhookError {
  const cause =
    errors.length === 1
      ? errors[0]
      : new AggregateError(
          errors,
          `${errors.length} ${typeof of === 'string' ? 'listeners' : 'handlers'} failed.`,
        )
  if (typeof of === 'string')
    return new WebhookError('handler_failed', `A listener of ${of} failed.`, { cause })
  return new WebhookError('handler_failed', `A handler of ${of.name} (delivery ${of.id}) failed.`, {
    cause,
    event: of,
  })
}
