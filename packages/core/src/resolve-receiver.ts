import { createReceiver, type Receiver } from './create-receiver.js'
import type { ReceiverOptions } from './resolve-options.js'

/** What every adapter takes: the receiver's options, or a receiver built elsewhere. */
export interface AdapterReceiverOptions extends ReceiverOptions {
  /**
   * Mount this receiver instead of creating one, e.g. `createQueueReceiver()` from `@blinger-webhooks/bullmq`.
   * The other receiver options are then ignored: the receiver was configured when it was created.
   * @default undefined (the adapter creates a receiver from these options)
   */
  receiver?: Receiver | undefined
}

/** The receiver an adapter mounts: the one it was given, or a new one built from its options. */
export function resolveReceiver(options: AdapterReceiverOptions): Receiver {
  return options.receiver ?? createReceiver(options)
}
