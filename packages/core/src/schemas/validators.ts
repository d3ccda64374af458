import { Build, Errors } from 'typebox/schema'
import type { EventName } from './event-table.js'
import { type PayloadByEventName, PayloadSchemaByEventName } from './payload-schema-by-event-name.js'

/** One failure of a payload, as TypeBox reports it. */
export interface PayloadError {
  /** A JSON pointer to the failing value (`/conversation/operator/id`), `''` for the payload itself. */
  readonly instancePath: string
  /** The JSON Schema keyword that failed (`type`, `required`, `anyOf`, …). */
  readonly keyword: string
  /** The keyword's details, e.g. `{ type: 'string' }`. */
  readonly params?: unknown
  readonly message: string
}

/** A compiled payload validator whose `Check` narrows to the event's payload type, even for a generic name. */
export interface PayloadValidator<K extends EventName> {
  /** Whether the value is a valid payload of this event. */
  Check(value: unknown): value is PayloadByEventName[K]
  /** Every failure of the value; empty for a valid one. */
  Errors(value: unknown): readonly PayloadError[]
}

// TypeBox's schema Build and Errors, not its `Compile`: a `Validator` also carries Parse, Clean, Convert, Create,
// Default, Decode and Encode, which the receiver never calls and which cost a Worker bundle 5 kB gzip.
function compile<K extends EventName>(name: K): PayloadValidator<K> {
  const schema = PayloadSchemaByEventName[name]
  const check = Build({}, schema).Evaluate()
  return {
    Check: (value): value is PayloadByEventName[K] => check.Check(value),
    Errors: (value) => (check.Check(value) ? [] : Errors({}, schema, value)[1]),
  }
}

/**
 * One compiled validator per event name, built once when this module loads and reused for every request.
 * `Check(value)` narrows; `Errors(value)` lists `{ instancePath, message }` for a failed value.
 */
export const ValidatorByEventName = Object.fromEntries(
  Object.keys(PayloadSchemaByEventName).map((name) => [name, compile(name as EventName)]),
) as { readonly [K in EventName]: PayloadValidator<K> }
