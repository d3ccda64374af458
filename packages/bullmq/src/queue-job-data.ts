import type { OrderTurn } from './queue-order.js'

/** The queue both sides use unless told otherwise. */
export const defaultQueueName = 'blinger-webhooks'

/** What the receiver stores in each job; the job's id is the delivery id and its name the event name. */
export interface QueueJobData {
  /** The payload as received and validated by the receiver. */
  readonly payload: { readonly webhook: string; readonly [key: string]: unknown }
  /** When the receiver accepted the delivery, in ms since the epoch. */
  readonly receivedAt: number
  /** Trace context (W3C `traceparent`, …) a tracer subscribed to `blinger-webhooks:enqueue` asked to carry. */
  readonly traceContext?: Readonly<Record<string, string>>
  /** The account whose token the delivery came with (a key of the `token` map); absent for one unnamed account. */
  readonly account?: string
  /** The job's place in its conversation, with the receiver's `order`: workers run a key's jobs by `seq`. */
  readonly order?: OrderTurn
}
