import { WebhookError } from '../../errors/webhook-error.js'
import type { DedupeStore } from '../../store/dedupe-store.js'
import type { DeliveryShape } from '../check-shape.js'
import type { Delivery } from '../delivery.js'
import { notifyLifecycle } from '../notify-lifecycle.js'
import type { Pipeline } from '../pipeline-context.js'
import { settleWithin } from '../settle-within.js'

type Claimed = boolean | WebhookError

/**
 * Step "dedupe": claims the delivery's id in the store. Gives the outcome that ends it (`duplicate`, or
 * `storeUnavailable`), `undefined` to go on, or a promise of either when the store answers with one (the
 * memory store answers at once). With dedupe off it never reads the id, so nothing hashes the body.
 */
export function dedupe(
  delivery: Delivery,
  pipeline: Pipeline,
): 'duplicate' | 'storeUnavailable' | undefined | Promise<'duplicate' | 'storeUnavailable' | undefined> {
  const settings = pipeline.options.dedupe
  if (settings === undefined) return undefined
  const claimed = claim(settings, delivery.id)
  return claimed instanceof Promise
    ? claimed.then((outcome) => afterClaim(outcome, delivery, pipeline))
    : afterClaim(claimed, delivery, pipeline)
}

/** Lets a claim go, so that a retry of a delivery that was not handled is not taken for a duplicate. */
export function release(id: string, { options, report }: Pipeline): void {
  const { dedupe } = options
  if (dedupe === undefined) return
  // A store that fails to release only means a retry is dropped as a duplicate until the TTL ends.
  Promise.resolve()
    .then(() => dedupe.store.release(id))
    .catch((cause: unknown) =>
      report(new WebhookError('store_failed', 'The dedupe store failed to release an id.', { cause })),
    )
}

function afterClaim(
  claimed: Claimed,
  delivery: Delivery,
  pipeline: Pipeline,
): 'duplicate' | 'storeUnavailable' | undefined {
  if (claimed instanceof WebhookError) {
    delivery.failure = claimed
    delivery.outcome = 'storeUnavailable'
    return 'storeUnavailable'
  }
  if (claimed) return undefined
  const { id, account, name } = delivery
  const { webhook } = delivery.payload as DeliveryShape
  notifyLifecycle('duplicate', { id, account, name, webhook, receivedAt: new Date() }, pipeline)
  delivery.outcome = 'duplicate'
  return 'duplicate'
}

/** Whether `id` is new; synchronous when the store answers synchronously, as the memory store does. */
function claim(
  { store, lease, timeout }: { store: DedupeStore; lease: number; timeout: number },
  id: string,
): Claimed | Promise<Claimed> {
  let claimed: boolean | Promise<boolean>
  try {
    claimed = store.claim(id, lease)
  } catch (cause) {
    return new WebhookError('store_failed', 'The dedupe store threw on claim.', { cause })
  }
  if (typeof claimed === 'boolean') return claimed
  return settleWithin(claimed, timeout).then((outcome) => {
    // Anything but a boolean is a broken store: taking it as "seen" would answer 200 and drop the delivery.
    if (outcome.state === 'fulfilled')
      return typeof outcome.value === 'boolean'
        ? outcome.value
        : new WebhookError(
            'store_failed',
            `The dedupe store answered a claim with ${typeof outcome.value}, not a boolean.`,
          )
    return outcome.state === 'rejected'
      ? new WebhookError('store_failed', 'The dedupe store rejected a claim.', { cause: outcome.reason })
      : new WebhookError('store_failed', `The dedupe store did not answer within ${timeout} ms.`)
  })
}
