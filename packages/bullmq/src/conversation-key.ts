import type { AnyAccount, AnyWebhookEvent, OrderOption } from '@blinger-webhooks/core'
import { conversationKey } from '@blinger-webhooks/core/internal'

export type { OrderOption }

/**
 * The key `order` gives `event`, or `undefined` when it runs unordered: core's key of `order: 'conversation'`,
 * so a conversation is the same key in process and in queue mode.
 */
export function orderKeyOf<A extends AnyAccount>(
  event: AnyWebhookEvent<A>,
  order: OrderOption<A>,
): string | undefined {
  return order === 'conversation' ? conversationKey(event as AnyWebhookEvent) : order(event)
}
