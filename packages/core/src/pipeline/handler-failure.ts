import type { AnyWebhookEvent } from '../emitter/event-map.js'
import { WebhookError } from '../errors/webhook-error.js'

/** The `handler_failed` error of what handlers (or, without `event`, lifecycle listeners) threw or rejected with. */
export function handlerFailure(errors: readonly unknown[], event?: AnyWebhookEvent): WebhookError {
  const cause =
    errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} handlers failed.`)
  const where =
    event === undefined ? 'A lifecycle listener' : `A handler of ${event.name} (delivery ${event.id})`
  return new WebhookError(
    'handler_failed',
    `${where} failed.`,
    event === undefined ? { cause } : { cause, event },
  )
}
