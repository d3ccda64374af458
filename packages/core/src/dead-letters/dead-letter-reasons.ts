import type { DeadLetterReason } from './dead-letter.js'

// A record, not a list: the compiler then names a reason added to `DeadLetterReason` and missing here.
const each: Record<DeadLetterReason, true> = {
  invalid: true,
  unhandled: true,
  failed: true,
  unavailable: true,
  shutdown: true,
  timeout: true,
  overflow: true,
}

/** Every reason a dead letter can have, for what filters letters by it (`blinger-webhooks replay --reason`). */
export const deadLetterReasons = Object.keys(each) as readonly DeadLetterReason[]
