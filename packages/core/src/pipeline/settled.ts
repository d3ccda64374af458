import { describeDelivery } from '../diagnostics/trace-delivery.js'
import type { Delivery } from './delivery.js'
import { gaveUp } from './gave-up.js'
import { loseDelivery } from './lose-delivery.js'
import type { Pipeline } from './pipeline-context.js'

/**
 * The one point a delivery's observers learn its fate, called once per delivery when its `outcome` is final:
 * before the answer when the answer depends on it (a dead letter that could not be kept answers 503), after it
 * for handlers that settle, or are given up, after their 200. Its dead letter is kept here, its trace
 * described (OpenTelemetry and the inspector read the trace), and `close()` stops waiting for it.
 */
export function settled(delivery: Delivery, pipeline: Pipeline): void {
  if (delivery.request !== undefined) {
    pipeline.unsettled--
    if (pipeline.keep !== undefined) loseDelivery(delivery, pipeline.keep)
  }
  // Given up: its failure says whether its letter was kept, so it is made once the letter is written.
  if (
    delivery.outcome === 'handlerTimeout' ||
    (delivery.outcome === 'shuttingDown' && delivery.event !== undefined)
  )
    delivery.failure = gaveUp(delivery)
  const { trace } = delivery
  // Once its answer is out the trace is closed: a delivery answered before its handlers settled stays `accepted`.
  if (trace !== undefined && trace.status === undefined) describeDelivery(trace, delivery)
}
