import type { AnyWebhookEvent } from '../emitter/event-map.js'

/**
 * The key of `order: 'conversation'`: the delivery's conversation id as a string. Blinger names it
 * `conversation.id` in the `conversation.*` events and `conversation_id` in the `message.*` and `comment.*` events
 * (one id space); `user.new` has neither. Read by those two names rather than listed per event, so an event added
 * to the table is ordered by its conversation without a line here. Prefixed by `account/` when the delivery came
 * with an account's token, since two accounts' ids may meet. `undefined` (not ordered) for `user.new`, `unknown`
 * webhooks, and a payload without the id, which only `validation: 'lenient'` or `'off'` lets through.
 */
export function conversationKey(event: AnyWebhookEvent): string | undefined {
  if (event.name === 'unknown') return undefined
  const payload = event.payload as { conversation_id?: unknown; conversation?: { id?: unknown } | null }
  const id = payload.conversation_id ?? payload.conversation?.id
  if (typeof id !== 'number' && (typeof id !== 'string' || id === '')) return undefined
  return event.account === undefined ? String(id) : `${event.account}/${id}`
}
