import { type EventName, EventTable, type WebhookOf } from '../schemas/event-table.js'

export type { EventName } from '../schemas/event-table.js'

/** A `webhook` value Blinger's v1.0 document names, such as `on_message_incoming`. */
export type WebhookName = WebhookOf<EventName>

/** `'conversation' | 'message' | 'comment' | 'user'`: derived from the table, never listed a second time. */
export type EventGroup = EventName extends `${infer G}.${string}` ? G : never

/** The event names of one group, e.g. `EventsInGroup<'message'>` is `'message.incoming' | 'message.outgoing'`. */
export type EventsInGroup<G extends EventGroup> = Extract<EventName, `${G}.${string}`>

/** Every event name, in the table's order (`EventTable` in `schemas/event-table.ts`). */
export const eventNames = Object.keys(EventTable) as readonly EventName[]

/** Blinger's webhook name for each event name, e.g. `WebhookByEventName['user.new']` is `'on_user_new'`. */
export const WebhookByEventName = Object.fromEntries(
  eventNames.map((name) => [name, EventTable[name].webhook]),
) as { readonly [N in EventName]: WebhookOf<N> }

/** Blinger's `webhook` field → our event name: the table, inverted. */
export const EventNameByWebhook = Object.fromEntries(
  eventNames.map((name) => [EventTable[name].webhook, name]),
) as { readonly [N in EventName as WebhookOf<N>]: N }

/** Whether a `webhook` value is one the table knows. */
export function isWebhookName(value: string): value is WebhookName {
  return Object.hasOwn(EventNameByWebhook, value)
}

// A Map, not the object above: one lookup instead of `hasOwn` and a keyed read of a string JSON.parse just made.
const eventNameByWebhook = new Map<string, EventName>(Object.entries(EventNameByWebhook))

/** The event name of a `webhook` value, or `'unknown'` for one the table does not know. */
export function eventNameOf(webhook: string): EventName | 'unknown' {
  return eventNameByWebhook.get(webhook) ?? 'unknown'
}

/** Whether a string is one of the event names, such as `message.incoming`. */
export function isEventName(value: string): value is EventName {
  return Object.hasOwn(EventTable, value)
}

/** The group of an event name: the part before the dot. */
export function groupOf(name: EventName): EventGroup {
  return name.slice(0, name.indexOf('.')) as EventGroup
}
