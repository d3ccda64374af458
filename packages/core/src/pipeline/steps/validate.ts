import { eventNameOf } from '../../emitter/event-names.js'
import { checkShape, type DeliveryShape } from '../check-shape.js'
import type { Delivery } from '../delivery.js'
import { notifyLifecycle } from '../notify-lifecycle.js'
import type { Pipeline } from '../pipeline-context.js'
import { checkPayload } from '../validate-payload.js'

/**
 * Step "validate": the payload's shape (an object with a string `webhook`), its event name, and its schema.
 * Gives the outcome that ends the delivery (`notAnObject`, `missingWebhook`, or `invalid` in strict mode), or
 * `undefined` to go on. The id is read (and so hashed) only when an `invalid` listener or letter needs it.
 */
export function validate(
  delivery: Delivery,
  pipeline: Pipeline,
): 'notAnObject' | 'missingWebhook' | 'invalid' | undefined {
  const problem = checkShape(delivery.payload)
  if (problem !== undefined) {
    delivery.outcome = problem
    return problem
  }
  let payload = delivery.payload as DeliveryShape
  const name = eventNameOf(payload.webhook)
  delivery.name = name
  const { validation } = pipeline.options
  if (name === 'unknown' || validation === 'off') return undefined
  const checked = checkPayload(name, payload)
  const issues = checked?.issues
  if (issues !== undefined) {
    const { id, account } = delivery
    const { webhook } = payload
    notifyLifecycle(
      'invalid',
      { id, account, name, webhook, payload, issues, receivedAt: new Date() },
      pipeline,
    )
    if (validation === 'strict') {
      delivery.issues = issues
      delivery.outcome = 'invalid'
      return 'invalid'
    }
  }
  if (checked !== undefined) payload = checked.payload as DeliveryShape // PHP's [] read as null
  delivery.payload = payload
  return undefined
}
