import type { DeadLetter } from '../dead-letters/dead-letter.js'
import { deadLetterOf } from '../dead-letters/dead-letter-of.js'
import type { DeliveryShape } from './check-shape.js'
import type { Delivery } from './delivery.js'
import { outcomes } from './outcomes.js'

/**
 * The one place the pipeline writes dead letters: keeps a settled delivery whose outcome costs it, the reason
 * read from `outcomes`, and sets `delivery.kept` to whether it was kept.
 */
export function loseDelivery(delivery: Delivery, keep: (letter: DeadLetter) => boolean): void {
  const { outcome, event, failure } = delivery
  if (outcome === undefined || outcome === 'dispatched') return
  const row = outcomes[outcome]
  if (!('deadLetter' in row)) return
  // Closed before dispatch: refused with 503, nothing was accepted, so nothing is lost.
  if (outcome === 'shuttingDown' && event === undefined) return
  const details =
    outcome === 'invalid'
      ? { issues: delivery.issues }
      : outcome === 'handlerFailed'
        ? { cause: failure?.cause }
        : outcome === 'storeUnavailable'
          ? { cause: failure }
          : {}
  delivery.kept = keep(deadLetterOf(row.deadLetter, event ?? lostOf(delivery), details))
}

/** What a dead letter needs of a delivery that never became an event. */
function lostOf(delivery: Delivery) {
  const { id, account, name } = delivery
  return { id, account, name, payload: delivery.payload as DeliveryShape, receivedAt: new Date() }
}
