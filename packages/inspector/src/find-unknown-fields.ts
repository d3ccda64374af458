/** The keywords of a JSON Schema (as TypeBox builds it) that the walk reads. */
interface SchemaNode {
  readonly type?: unknown
  readonly properties?: Readonly<Record<string, SchemaNode>>
  readonly additionalProperties?: unknown
  readonly patternProperties?: unknown
  readonly items?: SchemaNode | readonly SchemaNode[]
  readonly anyOf?: readonly SchemaNode[]
  readonly oneOf?: readonly SchemaNode[]
  readonly allOf?: readonly SchemaNode[]
}

/**
 * Lists the fields of `value` that `schema` does not declare, as JSON Pointers (`/message/extra`,
 * `/conversation/messages/0/read`). This is drift from Blinger's document: the schemas accept extra fields,
 * so validation never reports them. Only objects and arrays the schema describes are walked; where the value
 * does not fit the schema at all, that is a validation issue, not drift, and nothing is listed.
 * @param schema A payload schema, e.g. `PayloadSchemaByEventName['message.incoming']`.
 * @param max The most paths returned. @default 100
 * @example
 * findUnknownFields(PayloadSchemaByEventName['user.new'], payload) // ['/user/email']
 */
export function findUnknownFields(schema: object, value: unknown, max = 100): string[] {
  const found: string[] = []
  walk(schema as SchemaNode, value, '', found, max)
  return found
}

function walk(schema: SchemaNode, value: unknown, path: string, found: string[], max: number): void {
  if (found.length >= max) return
  const branches = schema.anyOf ?? schema.oneOf
  if (branches !== undefined) {
    walkUnion(branches, value, path, found, max)
    return
  }
  if (schema.allOf !== undefined) {
    walk(mergeObjects(schema.allOf), value, path, found, max)
    return
  }
  if (isPlainObject(value) && schema.properties !== undefined) {
    // An open schema declares every key, so nothing under it counts as drift.
    const open =
      (schema.additionalProperties !== undefined && schema.additionalProperties !== false) ||
      schema.patternProperties !== undefined
    for (const key of Object.keys(value)) {
      if (found.length >= max) return
      const child = `${path}/${escapePointer(key)}`
      const declared = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined
      if (declared !== undefined) walk(declared, value[key], child, found, max)
      else if (!open) found.push(child)
    }
    return
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    const { items } = schema
    for (let index = 0; index < value.length; index++) {
      const item = isSchemaList(items) ? items[index] : items
      if (item !== undefined) walk(item, value[index], `${path}/${index}`, found, max)
    }
  }
}

// A value is drift-free under a union if some branch it fits declares the field: `Nullable(Operator)`
// walks `Operator` for an object and nothing for `null`.
function walkUnion(
  branches: readonly SchemaNode[],
  value: unknown,
  path: string,
  found: string[],
  max: number,
): void {
  const fitting = branches.filter((branch) => fitsType(branch, value))
  if (fitting.length === 0) return
  const results = fitting.map((branch) => {
    const own: string[] = []
    walk(branch, value, path, own, max)
    return own
  })
  const [first, ...rest] = results
  for (const candidate of first ?? []) {
    if (found.length >= max) return
    if (rest.every((other) => other.includes(candidate))) found.push(candidate)
  }
}

function mergeObjects(members: readonly SchemaNode[]): SchemaNode {
  const properties: Record<string, SchemaNode> = {}
  let open = false
  for (const member of members) {
    Object.assign(properties, member.properties)
    if (member.additionalProperties !== undefined && member.additionalProperties !== false) open = true
  }
  return open ? { properties, additionalProperties: true } : { properties }
}

function fitsType(schema: SchemaNode, value: unknown): boolean {
  const { type } = schema
  if (type === undefined) return true
  const types: readonly unknown[] = Array.isArray(type) ? type : [type]
  return types.some((name) => {
    switch (name) {
      case 'null':
        return value === null
      case 'object':
        return isPlainObject(value)
      case 'array':
        return Array.isArray(value)
      case 'integer':
        return Number.isInteger(value)
      default:
        return typeof value === name
    }
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isSchemaList(items: SchemaNode | readonly SchemaNode[]): items is readonly SchemaNode[] {
  return Array.isArray(items)
}

/** RFC 6901: `~` and `/` inside a key are written `~0` and `~1`, as the core's issue paths are. */
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1')
}
