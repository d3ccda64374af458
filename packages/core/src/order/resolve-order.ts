import type { AnyAccount, AnyWebhookEvent } from '../emitter/event-map.js'
import { checkOptionKeys } from '../errors/check-option-keys.js'
import { describeGiven } from '../errors/describe-given.js'
import { messageFrom } from '../errors/message-from.js'
import { conversationKey } from './conversation-key.js'
import type { OrderLimits } from './keyed-serial-runner.js'

const prefixed = messageFrom('core')

/**
 * The `order` option: `'conversation'`, or a function giving each event its key (`undefined`: not ordered).
 * Deliveries with the same key are handled one after another, in the order they were received.
 */
export type OrderOption<A extends AnyAccount = AnyAccount> =
  | 'conversation'
  | ((event: AnyWebhookEvent<A>) => string | undefined)

/** Caps on the deliveries waiting for their turn under `order`. */
export interface OrderLimitsOption {
  /**
   * The most deliveries waiting behind one key (one conversation); one more is answered 503 and kept as a dead
   * letter (`overflow`). 100 holds the busiest minute of one chat: a customer pasting a stack of messages or
   * photos (each its own `message.incoming`) while operators reply and comment, about one event a second.
   * @default 100
   */
  perKey?: number
  /**
   * The most deliveries waiting behind every key together; one more is answered 503 and kept as a dead letter
   * (`overflow`). 10,000 holds a large help desk's busiest minute (100 operators in 5 chats each at 4 to 6
   * events a minute: 2,000 to 3,000 events) several times over, e.g. while a CRM every handler writes to hangs;
   * a waiting delivery holds its parsed payload (the spec's `message.incoming` sample: about 1 KB of heap) and its
   * request's body.
   * @default 10_000
   */
  total?: number
}

/** `order` resolved: how each event's key is found, and the caps. */
export interface ResolvedOrder {
  /** The event's key, `undefined` for none. Throws when a function given as `order` throws or gives a non-string. */
  readonly keyOf: (event: AnyWebhookEvent) => string | undefined
  readonly limits: OrderLimits
}

export const defaultOrderLimits: OrderLimits = Object.freeze({ perKey: 100, total: 10_000 })

const knownLimitKeys: Readonly<Record<keyof OrderLimitsOption, true>> = { perKey: true, total: true }

/** Checks `order` and `orderLimits` once, at creation: misuse throws a `TypeError` / `RangeError` that says the fix. */
export function resolveOrder(order: unknown, limits: unknown): ResolvedOrder | undefined {
  if (order === undefined) {
    if (limits !== undefined)
      throw new TypeError(
        prefixed(
          "orderLimits caps the deliveries waiting under order, which is off: add order: 'conversation', or leave out orderLimits.",
        ),
      )
    return undefined
  }
  if (order !== 'conversation' && typeof order !== 'function')
    throw new TypeError(
      prefixed(
        `order must be 'conversation' or a function (event) => key (a string, or undefined for none), got ${describeGiven(order)}.`,
      ),
    )
  if (limits !== undefined) checkOptionKeys(limits, knownLimitKeys, 'orderLimits')
  const given = (limits ?? {}) as OrderLimitsOption
  return {
    keyOf:
      order === 'conversation' ? conversationKey : checkedKey(order as (event: AnyWebhookEvent) => unknown),
    limits: {
      perKey: wholeNumber('orderLimits.perKey', given.perKey ?? defaultOrderLimits.perKey),
      total: wholeNumber('orderLimits.total', given.total ?? defaultOrderLimits.total),
    },
  }
}

/** A key function's answer, checked: anything but a string or `undefined` would order by accident. */
function checkedKey(keyOf: (event: AnyWebhookEvent) => unknown): ResolvedOrder['keyOf'] {
  return (event) => {
    const key = keyOf(event)
    if (key === undefined || typeof key === 'string') return key
    throw new TypeError(
      prefixed(
        `The order function gave ${describeGiven(key)} for ${event.name}: give a string key, or undefined to leave the delivery unordered.`,
      ),
    )
  }
}

function wholeNumber(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value
  throw new RangeError(prefixed(`${name} must be a whole number above 0, got ${describeGiven(value)}.`))
}
