import { type EmptyArrayPlan, emptyArrayPlan } from './empty-array-fields.js'
import type { EventName } from './event-table.js'
import { PayloadSchemaByEventName } from './payload-schema-by-event-name.js'

const planByEventName = Object.fromEntries(
  Object.entries(PayloadSchemaByEventName).map(([name, schema]) => [name, emptyArrayPlan(schema)]),
) as { readonly [K in EventName]: EmptyArrayPlan | undefined }

const absent = Symbol('absent')

/**
 * A payload with PHP's `[]` replaced where its schema expects an optional or nullable object: by `null`, or
 * by nothing where the field is only optional, so `"close_group":[]` reaches handlers as `close_group: null`.
 * Copies only what it changes; answers the payload itself when nothing is to change. Any other `[]` stays.
 * @example
 * normalizeEmptyArrays('message.incoming', { ...payload, operator: [] }).operator // null
 */
export function normalizeEmptyArrays(name: EventName, payload: unknown): unknown {
  const plan = planByEventName[name]
  return plan === undefined ? payload : apply(payload, plan)
}

function apply(value: unknown, plan: EmptyArrayPlan): unknown {
  if (plan.kind === 'array') {
    if (!Array.isArray(value)) return value
    let copy: unknown[] | undefined
    for (const [index, item] of value.entries()) {
      const next = apply(item, plan.items)
      if (next !== item) {
        copy ??= value.slice()
        copy[index] = next
      }
    }
    return copy ?? value
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  let copy: Record<string, unknown> | undefined
  for (const { key, empty, inner } of plan.fields) {
    if (!Object.hasOwn(value, key)) continue
    const item = (value as Record<string, unknown>)[key]
    let next: unknown = item
    if (empty !== undefined && Array.isArray(item) && item.length === 0)
      next = empty === 'null' ? null : absent
    else if (inner !== undefined) next = apply(item, inner)
    if (next === item) continue
    copy ??= { ...value }
    if (next === absent) delete copy[key]
    else copy[key] = next
  }
  return copy ?? value
}
