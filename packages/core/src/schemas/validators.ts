import { Compile, type Validator } from 'typebox/compile'
import type { EventName } from '../emitter/event-names.js'
import { type PayloadByEventName, PayloadSchemaByEventName } from './payload-schema-by-event-name.js'

/** A compiled payload validator whose `Check` narrows to the event's payload type, even for a generic name. */
export type PayloadValidator<K extends EventName> = Validator<
  Record<PropertyKey, never>,
  (typeof PayloadSchemaByEventName)[K],
  PayloadByEventName[K],
  PayloadByEventName[K]
>

/**
 * One compiled validator per event name, built once when this module loads and reused for every request.
 * `Check(value)` narrows; `Errors(value)` lists `{ instancePath, message, … }` for a failed value.
 */
export const ValidatorByEventName = Object.fromEntries(
  Object.entries(PayloadSchemaByEventName).map(([name, schema]) => [name, Compile(schema)]),
) as { readonly [K in EventName]: PayloadValidator<K> }
