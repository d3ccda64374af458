import { isUtf8 } from 'node:buffer'
import { EventNameByWebhook, isWebhookName } from '@blinger-webhooks/core'
import { normalizeEmptyArrays, ValidatorByEventName } from '@blinger-webhooks/core/internal'

/**
 * What the pipeline must answer for a body that passed method, token, content type and size, with handlers
 * that succeed: an independent restatement of the rules in core's `parseJson`, `checkShape` and strict
 * validation (PHP's `[]` for an optional or nullable object read as null first). Takes raw bytes, or a value a framework's parser already produced.
 */
export function expectedStatus(body: Buffer | { parsed: unknown }): 200 | 400 | 422 {
  let value: unknown
  if (Buffer.isBuffer(body)) {
    if (!isUtf8(body)) return 400
    const text = body.toString('utf8')
    try {
      value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text)
    } catch {
      return 400
    }
  } else value = body.parsed
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 400
  const webhook = (value as { webhook?: unknown }).webhook
  if (typeof webhook !== 'string') return 400
  if (!isWebhookName(webhook)) return 200
  const name = EventNameByWebhook[webhook]
  return ValidatorByEventName[name].Check(normalizeEmptyArrays(name, value)) ? 200 : 422
}
