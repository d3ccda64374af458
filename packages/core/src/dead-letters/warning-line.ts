import { messageFrom } from '../errors/message-from.js'
import type { DeadLetter } from './dead-letter.js'

const prefixed = messageFrom('core')

/**
 * The `console.warn` line for a dead letter when no `deadLetters` option keeps it: the reason, the webhook,
 * the id's first 12 hex digits, and the first failing path or the error code. Never a payload value (they are
 * personal data) nor an error message (it may quote one).
 */
export function warningLine(letter: DeadLetter): string {
  const detail = detailOf(letter)
  return prefixed(
    `Lost delivery (${letter.reason}): ${printable(letter.webhook)} ${letter.id.slice(0, 12)}, ${detail}. Keep such deliveries with the deadLetters option (docs/operations.md: "When something goes wrong").`,
  )
}

function detailOf(letter: DeadLetter): string {
  switch (letter.reason) {
    case 'invalid':
      return `at ${printable(letter.issues?.[0]?.path ?? '/')}`
    case 'unhandled':
      return 'no unknown or * listener'
    case 'shutdown':
      return 'the receiver closed before it was handled'
    case 'timeout':
      return 'a handler did not settle within handlerDeadline'
    case 'overflow':
      return 'too many deliveries waited for their turn (orderLimits)'
    case 'failed':
    case 'unavailable':
      return printable(letter.error?.code ?? 'error')
  }
}

/** An unknown webhook name or an error code is the sender's text: keep it short and on one line. */
function printable(text: string): string {
  const safe = text.replace(/[^\w./:*@-]/g, '?')
  return safe.length > 64 ? `${safe.slice(0, 64)}…` : safe
}
