import type { AnyAccount, AnyWebhookEvent } from '@blinger-webhooks/core'

/**
 * What `order` takes: `'conversation'` keys each delivery by its conversation, a function gives another key
 * (`undefined`: that delivery is not ordered).
 */
export type OrderOption<A extends AnyAccount = AnyAccount> =
  | 'conversation'
  | ((event: AnyWebhookEvent<A>) => string | undefined)

/**
 * The conversation a delivery belongs to, as a string: `conversation.id` of the conversation events,
 * `conversation_id` of the message and comment events (one id space), behind `<account>/` when the delivery came
 * with a named account. `user.new` and `unknown` deliveries belong to none.
 */
// Kept here until core exports its own key of `order: 'conversation'`; then this file becomes a re-export.
export function conversationKeyOf(event: AnyWebhookEvent): string | undefined {
  const payload = event.payload as { conversation?: { id?: unknown }; conversation_id?: unknown }
  const id = event.name.startsWith('conversation.')
    ? payload.conversation?.id
    : event.name.startsWith('message.') || event.name.startsWith('comment.')
      ? payload.conversation_id
      : undefined
  if (typeof id !== 'number' && typeof id !== 'string') return undefined
  return event.account === undefined ? String(id) : `${event.account}/${id}`
}

/** The key `order` gives `event`, or `undefined` when it runs unordered. */
export function orderKeyOf<A extends AnyAccount>(
  event: AnyWebhookEvent<A>,
  order: OrderOption<A>,
): string | undefined {
  return order === 'conversation' ? conversationKeyOf(event) : order(event)
}
