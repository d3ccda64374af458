/** A parsed body that can be a Blinger delivery: a JSON object with a string `webhook`. */
export type DeliveryShape = { readonly webhook: string; readonly [key: string]: unknown }

/** Why a parsed body is not a delivery, or `undefined` when it is one. */
export function checkShape(value: unknown): 'notAnObject' | 'missingWebhook' | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'notAnObject'
  return typeof (value as { webhook?: unknown }).webhook === 'string' ? undefined : 'missingWebhook'
}
