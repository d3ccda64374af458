import type { ValidationIssue } from '../emitter/event-map.js'
import type { EventName } from '../emitter/event-names.js'
import { normalizeEmptyArrays } from '../schemas/normalize-empty-arrays.js'
import { PayloadSchemaByEventName } from '../schemas/payload-schema-by-event-name.js'
import { type PayloadError, type PayloadValidator, ValidatorByEventName } from '../schemas/validators.js'

const maxIssues = 10
/** Array items looked at when listing failures; `Check` has already looked at all of them. */
const maxItemsListed = 100
/**
 * Every property name each payload schema declares, at any depth. The schemas allow extra properties and have
 * no maps keyed by data, so a key outside this list can never fail: the copy leaves it out. The copy looks each
 * declared name up rather than enumerating the object's keys: `Object.keys` of an object with 400,000 keys
 * alone takes longer than parsing it.
 */
const declaredKeysByEventName = Object.fromEntries(
  Object.entries(PayloadSchemaByEventName).map(([name, schema]) => [
    name,
    [...declaredKeys(schema, new Set())],
  ]),
) as Partial<Record<EventName, readonly string[]>>

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
  return { payload: normalized, issues: listIssues(name, validator, normalized) }
}

function listIssues(
  name: EventName,
  validator: PayloadValidator<EventName>,
  payload: unknown,
): readonly ValidationIssue[] {
  // `Errors` lists every failure: on 500,000 bad array items that is seconds of CPU for at most ten lines of
  // answer. Listing them on a copy whose arrays are cut short, and whose objects keep only declared keys, keeps
  // the cost bounded by the schema, not the body.
  const cut: string[] = []
  let shortened: unknown
  try {
    shortened = shorten(payload, '', cut, declaredKeysByEventName[name] ?? [])
  } catch {
    return [{ path: '/', message: 'does not match the schema' }] // nested deeper than the stack allows
  }
  const issues = summarize(validator.Errors(shortened))
  if (issues.length > 0) return issues
  // The copy passed, so what fails lies past the cut of one of the arrays that were cut.
  const message = `${cut.length === 1 ? 'has' : 'may have'} an item after the first ${maxItemsListed} that does not match`
  return cut.slice(0, maxIssues).map((path) => ({ path, message }))
}

/**
 * A copy of a JSON value with every array cut to `maxItemsListed` items and every object cut to its `declared`
 * keys; `cut` gets the paths of the arrays cut.
 */
function shorten(value: unknown, path: string, cut: string[], declared: readonly string[]): unknown {
  if (Array.isArray(value)) {
    if (value.length > maxItemsListed) cut.push(path)
    return value
      .slice(0, maxItemsListed)
      .map((item, index) => shorten(item, `${path}/${index}`, cut, declared))
  }
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const key of declared) {
    if (!Object.hasOwn(value, key)) continue
    // defineProperty: a `__proto__` key stays data, as JSON.parse made it.
    Object.defineProperty(copy, key, {
      value: shorten(
        (value as Record<string, unknown>)[key],
        `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        cut,
        declared,
      ),
      enumerable: true,
    })
  }
  return copy
}

/** Adds to `keys` the names under every `properties` of a JSON Schema, at any depth. */
function declaredKeys(schema: unknown, keys: Set<string>): Set<string> {
  if (typeof schema !== 'object' || schema === null) return keys
  const { properties } = schema as { properties?: unknown }
  if (typeof properties === 'object' && properties !== null)
    for (const key of Object.keys(properties)) keys.add(key)
  for (const child of Object.values(schema)) declaredKeys(child, keys)
  return keys
}

// TypeBox reports each branch of a union on its own ("must be string", "must be null", "must match a schema
// in anyOf"); one line a path reads better: "must be string or null".
function summarize(errors: readonly PayloadError[]): ValidationIssue[] {
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
