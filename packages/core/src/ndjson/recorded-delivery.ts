import type { AnyWebhookEvent } from '../emitter/event-map.js'

/**
 * One line of a recording (`@blinger-webhooks/recorder`), and the first fields of a dead letter: a delivery as
 * its handlers saw it. The token is never part of it: it arrives in the URL or a header, never in the payload.
 */
export interface RecordedDelivery {
  /** When this process received the delivery, as ISO 8601. */
  readonly receivedAt: string
  /** The delivery id (the sha256 of the body as received). */
  readonly id: string
  /** The account it came from (a key of the `token` map); absent for one unnamed account. */
  readonly account?: string | undefined
  /** Our event name, e.g. `message.incoming`, or `unknown` for a webhook the v1.0 table lacks. */
  readonly name: AnyWebhookEvent['name']
  /** Blinger's `webhook` value, e.g. `on_message_incoming`. */
  readonly webhook: string
  /** The payload, as parsed. */
  readonly payload: AnyWebhookEvent['payload']
}
