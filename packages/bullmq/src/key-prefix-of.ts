import { messageFrom } from '@blinger-webhooks/core/internal'

/**
 * BullMQ's key prefix of a receiver's or worker's options. `prefix`, its name before 0.2, throws rather than being
 * ignored: jobs under another prefix would be stored where no worker looks.
 */
export function keyPrefixOf(options: { keyPrefix?: string | undefined }): string {
  if (Object.hasOwn(options, 'prefix'))
    throw new TypeError(
      messageFrom('bullmq')('The prefix option is now keyPrefix, as in @blinger-webhooks/redis.'),
    )
  return options.keyPrefix ?? 'bull'
}
