import { type EventName, eventNames, type PayloadByEventName, validatePayload } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import type { DeepPartial } from './deep-partial.js'
import { mergeOverrides } from './merge-overrides.js'

/** Options of `createPayload`. */
export interface CreatePayloadOptions {
  /**
   * Check the result against the event's schema and throw, listing the failing paths, when it does not match.
   * Turn it off to build a payload that is invalid on purpose (say, to test `validation: 'lenient'`).
   * @default true
   */
  validate?: boolean
}

/**
 * The spec's sample payload of `name`, with `overrides` deep-merged into a fresh copy. Objects merge key by
 * key, arrays replace, `undefined` removes an optional field; `__proto__`, `constructor` and `prototype` keys
 * are ignored. The result is checked against the schema, so a test never starts from a payload Blinger
 * could not send.
 * @example
 * const payload = createPayload('message.incoming', { message: { message: 'Hello', tags: [] } })
 * payload.message.message // 'Hello'; every other field is the spec's sample
 */
export function createPayload<N extends EventName>(
  name: N,
  overrides?: DeepPartial<PayloadByEventName[N]>,
  options: CreatePayloadOptions = {},
): PayloadByEventName[N] {
  if (!eventNames.includes(name)) {
    throw new TypeError(
      `[@blinger-webhooks/testing] Unknown event name ${JSON.stringify(name)}. Use one of: ${eventNames.join(', ')}.`,
    )
  }
  const payload = mergeOverrides(
    structuredClone(FixtureByEventName[name]) as Record<string, unknown>,
    overrides,
  )
  if (options.validate !== false) {
    const issues = validatePayload(name, payload)
    if (issues !== undefined) {
      const paths = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')
      throw new TypeError(
        `[@blinger-webhooks/testing] createPayload('${name}'): the overrides make an invalid payload: ${paths}.`,
      )
    }
  }
  return payload as PayloadByEventName[N]
}
