import type { WebhookError } from '../errors/webhook-error.js'
import type { PayloadByEventName } from '../schemas/payload-schema-by-event-name.js'
import type { EventGroup, EventName, EventsInGroup, WebhookByEventName } from './event-names.js'

interface DeliveryBase {
  /** The delivery id: the sha256 hex of the raw body (or of canonical JSON for a parsed body). Stable across retries. */
  readonly id: string
  /** When this process received the delivery. */
  readonly receivedAt: Date
  /** Aborted when the sender is no longer waiting: after `handlerTimeout`, or when the client disconnects. */
  readonly signal: AbortSignal
}

interface KnownEvent<N extends EventName> extends DeliveryBase {
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
export type WebhookEvent<N extends EventName = EventName> = { [K in N]: KnownEvent<K> }[N]

/** A delivery whose `webhook` is not in the v1.0 table: emitted as `unknown` (and `*`), answered 200. */
export interface UnknownWebhookEvent extends DeliveryBase {
  readonly name: 'unknown'
  readonly webhook: string
  readonly payload: { readonly webhook: string; readonly [key: string]: unknown }
}

/** Any delivery: what `*` listeners receive. */
export type AnyWebhookEvent = WebhookEvent | UnknownWebhookEvent

/** One failing path of a schema check, as JSON Pointer. */
export interface ValidationIssue {
  readonly path: string
  readonly message: string
}

/** Emitted as `invalid` when a payload does not match the schema of its event name. */
export interface InvalidWebhookEvent {
  readonly id: string
  readonly name: EventName
  readonly webhook: string
  /** The payload as received: it did not pass its schema, so it is not typed. */
  readonly payload: unknown
  /** The failing paths, at most ten. */
  readonly issues: readonly ValidationIssue[]
  readonly receivedAt: Date
}

/** Emitted as `duplicate` when a delivery with an id seen within the dedupe TTL arrives again. */
export interface DuplicateWebhookEvent {
  readonly id: string
  readonly name: EventName | 'unknown'
  readonly webhook: string
  readonly receivedAt: Date
}

/** The argument each event name's listeners receive. */
export type EventMap = { readonly [N in EventName]: WebhookEvent<N> } & {
  readonly [G in EventGroup]: WebhookEvent<EventsInGroup<G>>
} & {
  readonly '*': AnyWebhookEvent
  readonly unknown: UnknownWebhookEvent
  readonly invalid: InvalidWebhookEvent
  readonly duplicate: DuplicateWebhookEvent
  /** A listener failed, the dedupe store failed, or a body parser ate the body. Never a validation failure. */
  readonly error: WebhookError
}

/** Any name `on`, `once` and `off` accept. */
export type EmitterEventName = keyof EventMap

/** A listener for one event name. It may be async: the receiver awaits it (lifecycle events excepted). */
export type Listener<K extends EmitterEventName> = (event: EventMap[K]) => unknown
