import { isWebhookName } from '@blinger-webhooks/core'

/**
 * The `blinger.webhook` attribute: one of the eight names Blinger sends, or `unknown`. The sender chooses the
 * value, so it is never copied as it came: a made-up name (a million characters, a new one per request) would
 * bloat every span and, in a backend that indexes attributes, the cardinality of the index.
 */
export function boundedWebhook(webhook: string): string {
  return isWebhookName(webhook) ? webhook : 'unknown'
}
