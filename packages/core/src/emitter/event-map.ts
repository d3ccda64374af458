import type { ResumedAlarm, SilenceAlarm, UnauthorizedAlarm } from '../alerts/alarm-events.js'
import type { WebhookError } from '../errors/webhook-error.js'
import type { EventGroup, EventName, EventsInGroup } from './event-names.js'
import type {
  AnyAccount,
  AnyWebhookEvent,
  UnknownWebhookEvent,
  ValidationIssue,
  WebhookEvent,
} from './webhook-event.js'

// The delivery types live in webhook-event.ts, which `WebhookError` reads without reading this map of it.
export type {
  AnyAccount,
  AnyWebhookEvent,
  UnknownWebhookEvent,
  ValidationIssue,
  WebhookEvent,
} from './webhook-event.js'

/** Emitted as `invalid` when a payload does not match the schema of its event name. */
export interface InvalidWebhookEvent<A extends AnyAccount = AnyAccount> {
  readonly id: string
  readonly account: A
  readonly name: EventName
  readonly webhook: string
  /** The payload as received: it did not pass its schema, so it is not typed. */
  readonly payload: unknown
  /** The failing paths, at most ten. */
  readonly issues: readonly ValidationIssue[]
  readonly receivedAt: Date
}

/** Emitted as `duplicate` when a delivery with an id seen within the dedupe TTL arrives again. */
export interface DuplicateWebhookEvent<A extends AnyAccount = AnyAccount> {
  readonly id: string
  readonly account: A
  readonly name: EventName | 'unknown'
  readonly webhook: string
  readonly receivedAt: Date
}

/** The argument each event name's listeners receive. */
export type EventMap<A extends AnyAccount = AnyAccount> = {
  readonly [N in EventName]: WebhookEvent<N, A>
} & {
  readonly [G in EventGroup]: WebhookEvent<EventsInGroup<G>, A>
} & {
  readonly '*': AnyWebhookEvent<A>
  readonly unknown: UnknownWebhookEvent<A>
  readonly invalid: InvalidWebhookEvent<A>
  readonly duplicate: DuplicateWebhookEvent<A>
  /** A listener failed, the dedupe store failed, or a body parser ate the body. Never a validation failure. */
  readonly error: WebhookError
  /** No authenticated delivery for `alerts.silenceAfter` ms (the `alerts` option). */
  readonly silence: SilenceAlarm
  /** An authenticated delivery arrived after a `silence`. */
  readonly resumed: ResumedAlarm
  /** Requests keep coming with a wrong token and none with a right one (the `alerts` option). */
  readonly unauthorized: UnauthorizedAlarm
}

/** Any name `on`, `once` and `off` accept. */
export type EmitterEventName = keyof EventMap

/** A listener for one event name. It may be async: the receiver awaits it (lifecycle events excepted). */
export type Listener<K extends EmitterEventName, A extends AnyAccount = AnyAccount> = (
  event: EventMap<A>[K],
) => unknown
