import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { WebhookError } from '../errors/webhook-error.js'
import { abortEvent } from './create-event.js'
import type { Delivery } from './delivery.js'

/** Why running handlers were given up on. */
export type GiveUpReason = 'shutdown' | 'timeout'

/**
 * How a tracked delivery ends, given once per pipeline (no closure per delivery): `settle` when its handlers
 * settle (also after it was given up, for its claim: its `outcome` says so), `giveUp` when it is given up, which
 * gives the failure it ends with (its `kept` says whether its dead letter was kept).
 */
export interface RunningEnds {
  settle(delivery: Delivery, errors: readonly unknown[]): WebhookError | undefined
  giveUp(delivery: Delivery, reason: GiveUpReason): WebhookError
}

/** One delivery whose handlers did not settle synchronously. */
interface Entry {
  readonly event: AnyWebhookEvent
  readonly giveUp: (reason: GiveUpReason) => boolean
  deadline: ReturnType<typeof setTimeout> | undefined
}

/** The deliveries of one pipeline whose handlers still run: what `close()` drains and `handlerDeadline` ends. */
export interface RunningDeliveries {
  readonly size: number
  /** Set by `cutAll`: nothing more is dispatched. */
  readonly closed: boolean
  /**
   * Tracks the `handlers` (which never reject) of a dispatched delivery until they settle or are given up: the
   * promise returned settles with `ends.settle`'s failure of their errors, or with `ends.giveUp`'s failure,
   * whichever is first. Handlers that settle after they were given up still get `ends.settle`, for their claim.
   */
  track(delivery: Delivery, handlers: Promise<readonly unknown[]>): Promise<WebhookError | undefined>
  /** The handlers of `event` ran past `handlerTimeout`: give them up at `handlerDeadline`. */
  overdue(event: AnyWebhookEvent): void
  /** Gives up every delivery still running (`close()` at its deadline); the number whose letters were not kept. */
  cutAll(): number
}

/** Per pipeline: `ends` says how a tracked delivery ends. */
export function createRunningDeliveries(
  handlerTimeout: number,
  handlerDeadline: number,
  ends: RunningEnds,
): RunningDeliveries {
  const running = new Map<AnyWebhookEvent, Entry>()
  let closed = false

  const forget = (entry: Entry) => {
    if (running.get(entry.event) !== entry) return
    running.delete(entry.event)
    if (entry.deadline !== undefined) clearTimeout(entry.deadline)
  }

  return {
    get size() {
      return running.size
    },
    get closed() {
      return closed
    },
    track(delivery, handlers) {
      const event = delivery.event as AnyWebhookEvent
      return new Promise((resolve) => {
        const entry: Entry = {
          event,
          deadline: undefined,
          giveUp: (reason) => {
            forget(entry)
            abortEvent(event)
            const failure = ends.giveUp(delivery, reason)
            resolve(failure)
            return failure.kept !== false
          },
        }
        running.set(event, entry)
        handlers.then((result) => {
          // Given up already: its letter and its answer are out; only the claim learns how it ended.
          if (running.get(event) !== entry) {
            ends.settle(delivery, result)
            return
          }
          forget(entry)
          resolve(ends.settle(delivery, result))
        })
      })
    },
    overdue(event) {
      const entry = running.get(event)
      if (entry === undefined || entry.deadline !== undefined) return
      // A handler that never settles would otherwise hold its event, its claim's renewal and its memory for ever.
      entry.deadline = setTimeout(() => entry.giveUp('timeout'), handlerDeadline - handlerTimeout)
      entry.deadline.unref?.()
    },
    cutAll() {
      closed = true
      let lost = 0
      for (const entry of [...running.values()]) if (!entry.giveUp('shutdown')) lost++
      return lost
    },
  }
}
