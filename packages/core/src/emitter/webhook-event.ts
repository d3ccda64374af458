import type { PayloadByEventName } from '../schemas/payload-schema-by-event-name.js'
import type { EventName, WebhookByEventName } from './event-names.js'

/** What `event.account` may be when nothing narrower is known: a map's key, or `undefined`. */
export type AnyAccount = string | undefined

interface DeliveryBase<A extends AnyAccount> {
  /**
   * The delivery id: the sha256 hex of the raw body (or of canonical JSON for a parsed body). Stable across
   * retries. Prefixed with the account (`acme/…`) when `token` is a map.
   */
  readonly id: string
  /** The account whose token the delivery came with: a key of the `token` map; `undefined` for one unnamed account. */
  readonly account: A
  /** When this process received the delivery. */
  readonly receivedAt: Date
  /**
   * Aborted when the sender is no longer waiting: after `handlerTimeout` (under `order`, counted from when the
   * handlers start), or when the client disconnects.
   */
  readonly signal: AbortSignal
}

interface KnownEvent<N extends EventName, A extends AnyAccount> extends DeliveryBase<A> {
  /** Our event name, e.g. `message.incoming`. */
  readonly name: N
  /** Blinger's `webhook` value, e.g. `on_message_incoming`. */
  readonly webhook: (typeof WebhookByEventName)[N]
  /** The payload, validated against the schema of `name` (unless `validation` is `'off'`). */
  readonly payload: PayloadByEventName[N]
}

/**
 * What a handler receives for a known webhook. `WebhookEvent<'message.incoming' | 'message.outgoing'>` is a union
 * discriminated by `name`, so checking `event.name` narrows `event.payload`.
 */
export type WebhookEvent<N extends EventName = EventName, A extends AnyAccount = AnyAccount> = {
  [K in N]: KnownEvent<K, A>
}[N]

/** A delivery whose `webhook` is not in the v1.0 table: emitted as `unknown` (and `*`), answered 200. */
export interface UnknownWebhookEvent<A extends AnyAccount = AnyAccount> extends DeliveryBase<A> {
  readonly name: 'unknown'
  readonly webhook: string
  readonly payload: { readonly webhook: string; readonly [key: string]: unknown }
}

/** Any delivery: what `*` listeners receive. */
export type AnyWebhookEvent<A extends AnyAccount = AnyAccount> =
  | WebhookEvent<EventName, A>
  | UnknownWebhookEvent<A>

/** One failing path of a schema check, as JSON Pointer. */
export interface ValidationIssue {
  readonly path: string
  readonly message: string
}
