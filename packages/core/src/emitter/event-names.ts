/** The single source of event names: Blinger's `webhook` field → our event name. */
export const EventNameByWebhook = {
  on_conversation_unassigned: 'conversation.unassigned',
  on_conversation_assigned: 'conversation.assigned',
  on_conversation_closed: 'conversation.closed',
  on_message_incoming: 'message.incoming',
  on_message_outgoing: 'message.outgoing',
  on_comment_incoming: 'comment.incoming',
  on_comment_outgoing: 'comment.outgoing',
  on_user_new: 'user.new',
} as const

/** A `webhook` value Blinger's v1.0 document names, such as `on_message_incoming`. */
export type WebhookName = keyof typeof EventNameByWebhook

/** One of the event names of the table above, such as `message.incoming`. */
export type EventName = (typeof EventNameByWebhook)[WebhookName]

/** `'conversation' | 'message' | 'comment' | 'user'`: derived from the table, never listed a second time. */
export type EventGroup = EventName extends `${infer G}.${string}` ? G : never

/** The event names of one group, e.g. `EventsInGroup<'message'>` is `'message.incoming' | 'message.outgoing'`. */
export type EventsInGroup<G extends EventGroup> = Extract<EventName, `${G}.${string}`>

/** Blinger's webhook name for each event name: the table above, inverted. */
export const WebhookByEventName = Object.fromEntries(
  Object.entries(EventNameByWebhook).map(([webhook, name]) => [name, webhook]),
) as { [W in WebhookName as (typeof EventNameByWebhook)[W]]: W }

/** Every event name, in the table's order. */
export const eventNames = Object.values(EventNameByWebhook) as readonly EventName[]

/** Whether a `webhook` value is one the table knows. */
export function isWebhookName(value: string): value is WebhookName {
  return Object.hasOwn(EventNameByWebhook, value)
}

/** Whether a string is one of the event names, such as `message.incoming`. */
export function isEventName(value: string): value is EventName {
  return Object.hasOwn(WebhookByEventName, value)
}

/** The group of an event name: the part before the dot. */
export function groupOf(name: EventName): EventGroup {
  return name.slice(0, name.indexOf('.')) as EventGroup
}
