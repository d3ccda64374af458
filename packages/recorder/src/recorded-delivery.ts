import type { AnyWebhookEvent, RecordedDelivery } from '@blinger-webhooks/core'

/** One line of a recording: an accepted delivery as its handlers saw it. Core's type, shared with dead letters. */
export type { RecordedDelivery }

/** The NDJSON line for an event: its `RecordedDelivery` as JSON, and a newline. */
export function formatRecordedDelivery(event: AnyWebhookEvent): string {
  const record: RecordedDelivery = {
    receivedAt: event.receivedAt.toISOString(),
    id: event.id,
    ...(event.account === undefined ? {} : { account: event.account }),
    name: event.name,
    webhook: event.webhook,
    payload: event.payload,
  }
  return `${JSON.stringify(record)}\n`
}
