/**
 * Whether a target app answered `{"ok":true,"duplicate":true}`: a blinger-webhooks receiver that saw the body
 * within its dedupe TTL and ran no handler. A 200 alone would hide that.
 */
export function isDuplicateAnswer(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body)
    return (
      typeof parsed === 'object' && parsed !== null && (parsed as { duplicate?: unknown }).duplicate === true
    )
  } catch {
    return false
  }
}
