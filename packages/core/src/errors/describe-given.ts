/**
 * What an option error says it was given: a number as itself (it holds no secret), anything else by its type
 * only, so a token pasted into the wrong option never reaches the logs that print the error.
 */
export function describeGiven(value: unknown): string {
  if (typeof value === 'number') return String(value)
  return value === null ? 'null' : `a value of type ${typeof value}`
}
