import type { AccountOf, TokenOption } from './auth/token-option.js'
import { createReceiver, type Receiver } from './create-receiver.js'
import { checkOptionKeys } from './errors/check-option-keys.js'
import { messageFrom } from './errors/message-from.js'
import { knownOptionKeys, type ReceiverOptions } from './receiver-options.js'

const prefixed = messageFrom('core')

/** A receiver built elsewhere, e.g. `createQueueReceiver()` from `@blinger-webhooks/bullmq`. */
export interface MountedReceiverOptions {
  /**
   * Mount this receiver instead of creating one. It was configured when it was created, so no other receiver
   * option may be given beside it (the compiler and, for JavaScript callers, a `TypeError` say so).
   * @default undefined (the adapter creates a receiver from the other options)
   */
  receiver: Receiver
}

/**
 * What every adapter takes: the receiver's options, or `{ receiver }`, never both. Each shape forbids the
 * other's keys, so `{ receiver, token }` fails to compile instead of silently dropping `token`.
 */
export type AdapterReceiverOptions<T extends TokenOption = TokenOption> =
  | (ReceiverOptions<T> & { receiver?: undefined })
  | (MountedReceiverOptions & { [K in keyof ReceiverOptions]?: never })

// Keys an adapter adds beside the receiver's own options; they stay allowed next to `receiver`.
const adapterKeys = new Set(['receiver', 'path'])

/** The receiver an adapter mounts: the one it was given, or a new one built from its options. */
export function resolveReceiver<T extends TokenOption>(
  options: AdapterReceiverOptions<T>,
): Receiver<AccountOf<T>> {
  // JavaScript callers first: `blingerWebhooks()` with nothing, or a mistyped key, says what to pass.
  checkOptionKeys(options, knownOptionKeys)
  if (options.receiver === undefined) return createReceiver(options)
  const ignored = Object.entries(options)
    .filter(([key, value]) => !adapterKeys.has(key) && value !== undefined)
    .map(([key]) => key)
  if (ignored.length > 0)
    throw new TypeError(
      prefixed(
        `Pass either { receiver } or the receiver options, not both: ${ignored.join(', ')} would be ignored. Give them to the function that created the receiver.`,
      ),
    )
  // A receiver built elsewhere carries its own accounts; the adapter's types follow `token` only.
  return options.receiver as Receiver<AccountOf<T>>
}
