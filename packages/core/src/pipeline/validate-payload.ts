import type { ValidationIssue } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import { normalizeEmptyArrays } from '../schemas/normalize-empty-arrays.js'
import { type PayloadValidator, ValidatorByEventName } from '../schemas/validators.js'

const maxIssues = 10
/** Array items looked at when listing failures; `Check` has already looked at all of them. */
const maxItemsListed = 100

/**
 * Checks a payload against the compiled schema of its event name, after PHP's `[]` for an optional or nullable
 * object is read as `null` (see `normalizeEmptyArrays`): `undefined` when it matches, else the failing paths.
 */
export function validatePayload(name: EventName, payload: unknown): readonly ValidationIssue[] | undefined {
  return checkPayload(name, payload)?.issues
}

/** A payload that did not match as received: what handlers get instead (`[]` normalized), and what still fails. */
export interface CheckedPayload {
  readonly payload: unknown
  readonly issues: readonly ValidationIssue[] | undefined
}

/** `undefined` when the payload matches as received (the fast path); else its normalized form and failing paths. */
export function checkPayload(name: EventName, payload: unknown): CheckedPayload | undefined {
  const validator = ValidatorByEventName[name]
  if (validator.Check(payload)) return undefined
  // Only a payload that failed is walked for PHP's `[]`: a matching one costs nothing more.
  const normalized = normalizeEmptyArrays(name, payload)
  if (normalized !== payload && validator.Check(normalized)) return { payload: normalized, issues: undefined }
  return { payload: normalized, issues: listIssues(validator, normalized) }
}

function listIssues(validator: PayloadValidator<EventName>, payload: unknown): readonly ValidationIssue[] {
  // `Errors` lists every failure: on 500,000 bad array items that is seconds of CPU for at most ten lines of
  // answer. Listing them on a copy whose arrays are cut short keeps the cost bounded by the schema, not the body.
  const cut: string[] = []
  let shortened: unknown
  try {
    shortened = shorten(payload, '', cut)
  } catch {
    return [{ path: '/', message: 'does not match the schema' }] // nested deeper than the stack allows
  }
  const issues = summarize(validator.Errors(shortened))
  if (issues.length > 0) return issues
  // The copy passed, so what fails lies past the cut of one of the arrays that were cut.
  const message = `${cut.length === 1 ? 'has' : 'may have'} an item after the first ${maxItemsListed} that does not match`
  return cut.slice(0, maxIssues).map((path) => ({ path, message }))
}

/** A copy of a JSON value with every array cut to `maxItemsListed` items; `cut` gets the paths of those cut. */
function shorten(value: unknown, path: string, cut: string[]): unknown {
  if (Array.isArray(value)) {
    if (value.length > maxItemsListed) cut.push(path)
    return value.slice(0, maxItemsListed).map((item, index) => shorten(item, `${path}/${index}`, cut))
  }
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // defineProperty: a `__proto__` key stays data, as JSON.parse made it.
    Object.defineProperty(copy, key, {
      value: shorten(item, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, cut),
      enumerable: true,
    })
  }
  return copy
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
