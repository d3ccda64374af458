import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'

const template = FixtureByEventName['message.incoming']

/**
 * A valid `on_message_incoming` delivery whose message id is `seq`: distinct deliveries get distinct bodies
 * (and so distinct delivery ids), and the id says which request an emitted event came from.
 */
export function uniqueDelivery(seq: number): string {
  return JSON.stringify({ ...template, message: { ...template.message, id: seq } })
}
