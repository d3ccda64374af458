import type { ValidationIssue } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import { ValidatorByEventName } from '../schemas/validators.js'

const maxIssues = 10

/** Checks a payload against the compiled schema of its event name: `undefined` when it matches, else the failing paths. */
export function validatePayload(name: EventName, payload: unknown): readonly ValidationIssue[] | undefined {
  const validator = ValidatorByEventName[name]
  if (validator.Check(payload)) return undefined
  return summarize(validator.Errors(payload))
}

interface RawIssue {
  readonly instancePath: string
  readonly keyword: string
  readonly message: string
  readonly params?: unknown
}

// TypeBox reports each branch of a union on its own ("must be string", "must be null", "must match a schema
// in anyOf"); one line a path reads better: "must be string or null".
function summarize(errors: readonly RawIssue[]): ValidationIssue[] {
  const byPath = new Map<string, { types: string[]; message: string | undefined }>()
  for (const error of errors) {
    const path = error.instancePath === '' ? '/' : error.instancePath
    let entry = byPath.get(path)
    if (entry === undefined) {
      if (byPath.size === maxIssues) break
      entry = { types: [], message: undefined }
      byPath.set(path, entry)
    }
    const type = (error.params as { type?: unknown } | undefined)?.type
    if (error.keyword === 'type' && typeof type === 'string') entry.types.push(type)
    else if (error.keyword !== 'anyOf') entry.message ??= error.message
  }
  return [...byPath].map(([path, { types, message }]) => ({
    path,
    message:
      types.length > 0 && message === undefined ? `must be ${types.join(' or ')}` : (message ?? 'is invalid'),
  }))
}
