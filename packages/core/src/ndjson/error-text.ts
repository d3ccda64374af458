/**
 * A system error as one short text on one line, with its code: `ENOSPC: no space left on device, write`. Node's own
 * messages start with the code already; other errors get it put in front.
 */
export function errorText(error: unknown): string {
  return oneLine(withCode(error))
}

function withCode(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || error.message.startsWith(code)) return error.message
  return `${code}: ${error.message}`
}

// Error texts end up inside one log line.
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}
