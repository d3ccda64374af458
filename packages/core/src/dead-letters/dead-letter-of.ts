import type { ValidationIssue } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import type { DeliveryShape } from '../pipeline/check-shape.js'
import { type DeadLetter, type DeadLetterReason, errorSummary } from './dead-letter.js'

/** The delivery a dead letter is about: an event, or what is known of a delivery that never became one. */
export interface Lost {
  readonly id: string
  readonly account: string | undefined
  readonly name: EventName | 'unknown'
  readonly payload: DeliveryShape
  readonly receivedAt: Date
}

/**
 * Builds the dead letter of a lost delivery, with its failing paths or the error that lost it (its `code`, else
 * its class name, and its message), for `createDeadLetters().keep`.
 */
export function deadLetterOf(
  reason: DeadLetterReason,
  lost: Lost,
  details: { issues?: readonly ValidationIssue[]; cause?: unknown },
): DeadLetter {
  const letter = {
    receivedAt: lost.receivedAt.toISOString(),
    id: lost.id,
    account: lost.account,
    name: lost.name,
    webhook: lost.payload.webhook,
    payload: lost.payload,
    reason,
  }
  if (details.issues !== undefined) return { ...letter, issues: details.issues }
  if (details.cause !== undefined) return { ...letter, error: errorSummary(details.cause) }
  return letter
}
