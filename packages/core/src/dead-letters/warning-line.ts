import { messageFrom } from '../errors/message-from.js'
import type { DeadLetter } from './dead-letter.js'

const prefixed = messageFrom('core')

/**
 * The `console.warn` line for a dead letter when no `deadLetters` option keeps it: the reason, the webhook,
 * the id's first 12 hex digits, and the first failing path or the error code. Never a payload value (they are
 * personal data) nor an error message (it may quote one).
 */
export function warningLine(letter: DeadLetter): string {
  const detail =
    letter.reason === 'invalid'
      ? `at ${printable(letter.issues?.[0]?.path ?? '/')}`
      : letter.reason === 'unhandled'
        ? 'no unknown or * listener'
        : letter.reason === 'shutdown'
          ? 'handlers still running when the receiver closed'
          : letter.reason === 'timeout'
            ? 'handlers never settled within handlerDeadline'
            : printable(letter.error?.code ?? 'error')
  return prefixed(
    `Lost delivery (${letter.reason}): ${printable(letter.webhook)} ${letter.id.slice(0, 12)}, ${detail}. Keep such deliveries with the deadLetters option (README: "When something goes wrong").`,
  )
}

/** An unknown webhook name or an error code is the sender's text: keep it short and on one line. */
function printable(text: string): string {
  const safe = text.replace(/[^\w./:*@-]/g, '?')
  return safe.length > 64 ? `${safe.slice(0, 64)}…` : safe
}
