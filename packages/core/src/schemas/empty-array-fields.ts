/**
 * Where PHP's `[]` may stand for an object in a schema: each optional or nullable object field, found by
 * walking the schema once. PHP's `json_encode` writes an empty array as `[]` whether the code meant a list
 * or an object, so `'close_group' => []` arrives as `"close_group":[]`.
 */
export type EmptyArrayPlan =
  | { readonly kind: 'object'; readonly fields: readonly EmptyArrayField[] }
  | { readonly kind: 'array'; readonly items: EmptyArrayPlan }

/** A field of an object schema that is, or holds, an object `[]` may stand for. */
export interface EmptyArrayField {
  readonly key: string
  /** What `[]` becomes here: `null` where the field is nullable, absent where it is only optional; else it stays (and fails). */
  readonly empty: 'null' | 'absent' | undefined
  /** The plan inside the field's object or array, if any field below it needs one. */
  readonly inner: EmptyArrayPlan | undefined
}

type SchemaLike = {
  readonly type?: unknown
  readonly anyOf?: readonly SchemaLike[]
  readonly properties?: { readonly [key: string]: SchemaLike }
  readonly required?: readonly string[]
  readonly items?: SchemaLike
}

/** The object schema a field holds, directly or as a member of its `anyOf` (`Nullable(Object)`). */
export function objectVariant(schema: SchemaLike): SchemaLike | undefined {
  if (schema.type === 'object') return schema
  return schema.anyOf?.find((member) => member.type === 'object')
}

/** The plan of a schema, or `undefined` when nothing in it can be `[]` for an object. */
export function emptyArrayPlan(schema: SchemaLike): EmptyArrayPlan | undefined {
  if (schema.type === 'array' && schema.items !== undefined) {
    const items = emptyArrayPlan(schema.items)
    return items === undefined ? undefined : { kind: 'array', items }
  }
  const object = objectVariant(schema)
  if (object?.properties === undefined) return undefined
  const fields: EmptyArrayField[] = []
  for (const [key, property] of Object.entries(object.properties)) {
    const variant = objectVariant(property)
    const nullable = property.anyOf?.some((member) => member.type === 'null') === true
    const optional = !(object.required ?? []).includes(key)
    const empty = variant === undefined ? undefined : nullable ? 'null' : optional ? 'absent' : undefined
    const inner = emptyArrayPlan(variant ?? property)
    if (empty !== undefined || inner !== undefined) fields.push({ key, empty, inner })
  }
  return fields.length === 0 ? undefined : { kind: 'object', fields }
}
