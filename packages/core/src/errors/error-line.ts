import type { WebhookError } from './webhook-error.js'

/**
 * The text written for an error no `error` listener took: its message (ours, naming the code, the event name
 * and the delivery id, never a payload value) and, for a handler's error, its class, code and first frames but
 * not its message, which may quote the payload (`Unknown customer jane@example.com`). An `error` listener gets
 * the whole error.
 */
export function errorLine(error: WebhookError): string {
  const lines = [`${error.message} (${error.code})`]
  const causes = error.cause instanceof AggregateError ? error.cause.errors : [error.cause]
  for (const cause of causes) {
    if (!(cause instanceof Error)) {
      if (cause !== undefined) lines.push(`  cause: a thrown ${typeof cause}`)
      continue
    }
    const code = (cause as { code?: unknown }).code
    const named = typeof code === 'string' ? `${cause.name} ${code}` : cause.name
    // Our own causes (a store, a file) carry system messages; a handler's carries whatever the app wrote.
    const message = error.code === 'handler_failed' ? 'message hidden' : cause.message
    lines.push(`  cause: ${named}: ${message}`)
    const frames = (cause.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
    lines.push(...frames.slice(0, 5).map((frame) => `    ${frame.trim()}`))
  }
  if (error.code === 'handler_failed')
    lines.push("  (receiver.on('error', …) gets the whole error, its message and the event)")
  return lines.join('\n')
}
