import type { DeadLetter, DeadLetterReason } from '../dead-letters/dead-letter.js'
import { deadLetterOf, type Lost } from '../dead-letters/dead-letter-of.js'
import type { ValidationIssue } from '../emitter/event-map.js'
import { type OutcomeName, outcomes } from './outcomes.js'

/** The outcomes that cost a delivery: each has a dead-letter reason in `outcomes`. */
export type LosingOutcome = {
  [N in OutcomeName]: (typeof outcomes)[N] extends { readonly deadLetter: DeadLetterReason } ? N : never
}[OutcomeName]

/** Keeps a lost delivery as the dead letter of its outcome; `false` when it could not be kept. */
export type LoseDelivery = (
  outcome: LosingOutcome,
  lost: Lost,
  details?: { issues?: readonly ValidationIssue[]; cause?: unknown },
) => boolean

/**
 * The one place the pipeline writes dead letters, the reason read from `outcomes`. `undefined` without `keep`:
 * `receive()` writes none, its caller (a queue worker) gets the failure and keeps the job itself.
 */
export function createLoseDelivery(
  keep: ((letter: DeadLetter) => boolean) | undefined,
): LoseDelivery | undefined {
  if (keep === undefined) return undefined
  return (outcome, lost, details = {}) => keep(deadLetterOf(outcomes[outcome].deadLetter, lost, details))
}
