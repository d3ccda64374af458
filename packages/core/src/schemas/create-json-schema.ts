import { type EmptyArrayPlan, emptyArrayPlan, objectVariant } from './empty-array-fields.js'
import { type EventName, EventTable } from './event-table.js'
import { PayloadSchemaByEventName } from './payload-schema-by-event-name.js'

/** A JSON Schema document (draft 2020-12) as plain JSON data. */
export type JsonSchemaDocument = { readonly [key: string]: JsonValue }

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue }

const dialect = 'https://json-schema.org/draft/2020-12/schema'
// Where the published files can be fetched once the package is on npm; `$id` only has to be a stable URI.
const base = 'https://unpkg.com/@blinger-webhooks/core/schemas/'
const eventNames = Object.keys(EventTable) as EventName[]

/** `message.incoming` → `MessageIncomingPayload`: the TypeScript name, so code generators pick the same one. */
function titleOf(name: EventName): string {
  const words = name.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1))
  return `${words.join('')}Payload`
}

function payloadSchema(name: EventName): { [key: string]: JsonValue } {
  // TypeBox schemas are JSON Schema already; the JSON round trip drops its non-enumerable bookkeeping and
  // hands out a copy, so no caller can change the live schema the validators were compiled from.
  const schema = JSON.parse(JSON.stringify(PayloadSchemaByEventName[name])) as Schema
  const plan = emptyArrayPlan(schema)
  if (plan !== undefined) allowEmptyArrays(schema, plan)
  return {
    title: titleOf(name),
    description: `Blinger Webhooks v1.0: the body of "webhook":"${EventTable[name].webhook}" (event ${name}).`,
    ...schema,
  }
}

type Schema = { [key: string]: JsonValue } & {
  anyOf?: Schema[]
  properties?: { [key: string]: Schema }
  items?: Schema
}

/** PHP's empty array, where an optional or nullable object may be: what a PHP sender writes for "none". */
const emptyArray: Schema = {
  type: 'array',
  maxItems: 0,
  description:
    "PHP's json_encode writes an empty array as [], also for an object: the receiver normalizes it to null (absent where the field is only optional).",
}

/** Adds `[]` as an alternative at each place of `plan`, in this copy of a schema, so other validators accept PHP bodies. */
function allowEmptyArrays(schema: Schema, plan: EmptyArrayPlan): void {
  if (plan.kind === 'array') {
    if (schema.items !== undefined) allowEmptyArrays(schema.items, plan.items)
    return
  }
  const properties = (objectVariant(schema) as Schema | undefined)?.properties ?? {}
  for (const { key, empty, inner } of plan.fields) {
    const property = properties[key]
    if (property === undefined) continue
    if (inner !== undefined)
      allowEmptyArrays((objectVariant(property) as Schema | undefined) ?? property, inner)
    if (empty === undefined) continue
    if (property.anyOf !== undefined) property.anyOf.push({ ...emptyArray })
    else properties[key] = { anyOf: [property, { ...emptyArray }] }
  }
}

/**
 * The JSON Schema of one event's payload, or with no name the schema of any v1.0 payload (one `$defs` entry
 * per event, chosen by `webhook`). These are the documents in the package's `schemas/` folder and what
 * `blinger-webhooks schema` prints, for validating payloads outside TypeScript.
 * @example
 * const schema = createJsonSchema('message.incoming') // { $schema, $id, title: 'MessageIncomingPayload', … }
 */
export function createJsonSchema(name?: EventName): JsonSchemaDocument {
  if (name !== undefined) return { $schema: dialect, $id: `${base}${name}.json`, ...payloadSchema(name) }
  const defs = Object.fromEntries(eventNames.map((each) => [titleOf(each), payloadSchema(each)]))
  return {
    $schema: dialect,
    $id: `${base}index.json`,
    title: 'BlingerWebhookPayload',
    description: 'Any Blinger Webhooks v1.0 payload; its "webhook" field names the event.',
    oneOf: eventNames.map((each) => ({ $ref: `#/$defs/${titleOf(each)}` })),
    $defs: defs,
  }
}
