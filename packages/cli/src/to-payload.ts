import type { RecordedDelivery } from '@blinger-webhooks/recorder'

/**
 * The payload in a parsed line or file: a recorder line (`{ receivedAt, id, name, webhook, payload }`) gives
 * its `payload`; any other JSON object is taken as a bare payload. `undefined` when it is not an object.
 */
export function toPayload(value: unknown): object | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const record = value as Partial<Record<keyof RecordedDelivery, unknown>>
  // Blinger payloads have no `payload` field, so one beside `receivedAt` can only be a recorder line.
  if (
    typeof record.receivedAt === 'string' &&
    typeof record.payload === 'object' &&
    record.payload !== null
  ) {
    return Array.isArray(record.payload) ? undefined : record.payload
  }
  return value
}
