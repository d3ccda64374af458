import type { AccountOf, TokenOption } from './auth/token-option.js'
import { createReceiver, type Receiver } from './create-receiver.js'
import type { ReceiverOptions } from './resolve-options.js'

/** What every adapter takes: the receiver's options, or a receiver built elsewhere. `T` is `token`'s type. */
export interface AdapterReceiverOptions<T extends TokenOption = TokenOption> extends ReceiverOptions<T> {
  /**
   * Mount this receiver instead of creating one, e.g. `createQueueReceiver()` from `@blinger-webhooks/bullmq`.
   * The other receiver options are then ignored: the receiver was configured when it was created.
   * @default undefined (the adapter creates a receiver from these options)
   */
  receiver?: Receiver | undefined
}

/** The receiver an adapter mounts: the one it was given, or a new one built from its options. */
export function resolveReceiver<T extends TokenOption>(
  options: AdapterReceiverOptions<T>,
): Receiver<AccountOf<T>> {
  // A receiver built elsewhere carries its own accounts; the adapter's types follow `token` only.
  return (options.receiver as Receiver<AccountOf<T>> | undefined) ?? createReceiver(options)
}
