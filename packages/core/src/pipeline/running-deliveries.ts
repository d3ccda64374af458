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

/**
 * One delivery whose handlers did not settle synchronously. A class with the tracking's state in fields, not
 * a literal holding a `giveUp` closure and a promise executor per delivery: 475 bytes less allocated (and
 * kept alive while its handlers run) per async delivery, measured in process.
 */
class Entry {
  deadline: ReturnType<typeof setTimeout> | undefined = undefined

  constructor(
    readonly delivery: Delivery,
    readonly event: AnyWebhookEvent,
    readonly resolve: (failure: WebhookError | undefined) => void,
  ) {}
}

let captured: ((failure: WebhookError | undefined) => void) | undefined
const capture = (resolve: (failure: WebhookError | undefined) => void) => {
  captured = resolve
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

  const giveUp = (entry: Entry, reason: GiveUpReason): boolean => {
    forget(entry)
    abortEvent(entry.event)
    const failure = ends.giveUp(entry.delivery, reason)
    entry.resolve(failure)
    return failure.kept !== false
  }

  const finish = (entry: Entry, errors: readonly unknown[]) => {
    // Given up already: its letter and its answer are out; only the claim learns how it ended.
    if (running.get(entry.event) !== entry) {
      ends.settle(entry.delivery, errors)
      return
    }
    forget(entry)
    entry.resolve(ends.settle(entry.delivery, errors))
  }

  return {
    get size() {
      return running.size
    },
    get closed() {
      return closed
    },
    track(delivery, handlers) {
      const promise = new Promise<WebhookError | undefined>(capture)
      const entry = new Entry(
        delivery,
        delivery.event as AnyWebhookEvent,
        captured as (failure: WebhookError | undefined) => void,
      )
      captured = undefined
      running.set(entry.event, entry)
      handlers.then((result) => finish(entry, result))
      return promise
    },
    overdue(event) {
      const entry = running.get(event)
      if (entry === undefined || entry.deadline !== undefined) return
      // A handler that never settles would otherwise hold its event, its claim's renewal and its memory for ever.
      entry.deadline = setTimeout(giveUp, handlerDeadline - handlerTimeout, entry, 'timeout')
      entry.deadline.unref?.()
    },
    cutAll() {
      closed = true
      let lost = 0
      for (const entry of [...running.values()]) if (!giveUp(entry, 'shutdown')) lost++
      return lost
    },
  }
}
