import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { WebhookError } from '../errors/webhook-error.js'
import { abortEvent } from './create-event.js'
import type { Delivery, RunningHandlers } from './delivery.js'
import { type LazyTimeout, lazyTimeout } from './lazy-timeout.js'

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

// A promise's resolver, taken out of its executor without a closure per promise.
let captured: ((failure: WebhookError | undefined) => void) | undefined
const capture = (resolve: (failure: WebhookError | undefined) => void) => {
  captured = resolve
}

/**
 * One delivery whose handlers did not settle synchronously. A class with the tracking's state in fields, not
 * a literal holding a `giveUp` closure and a promise executor per delivery: 475 bytes less allocated (and
 * kept alive while its handlers run) per async delivery, measured in process. It is a link of the running
 * list, and `delivery.running` points to it: a `Map` from event to entry, holding a few entries at a time,
 * rebuilt its table as it went from empty to one and back on every delivery (its `delete` alone showed 152
 * bytes per async delivery in `bench/scripts/allocation.ts`).
 */
export class RunningEntry implements RunningHandlers {
  deadline: ReturnType<typeof setTimeout> | undefined = undefined
  /** The answer waiting for the handlers (`waitFor`): called once, with how they ended or `handlersTimedOut`. */
  waiter: Waiter | undefined = undefined
  waiting: LazyTimeout | undefined = undefined
  previous: RunningEntry | undefined = undefined
  next: RunningEntry | undefined = undefined
  /** `delivery.done` while the handlers run, made only when read (`promise`), with what settles it. */
  done: Promise<WebhookError | undefined> | undefined = undefined
  resolve: ((failure: WebhookError | undefined) => void) | undefined = undefined

  constructor(
    readonly delivery: Delivery,
    readonly event: AnyWebhookEvent,
  ) {}

  promise(): Promise<WebhookError | undefined> {
    if (this.done === undefined) {
      this.done = new Promise(capture)
      this.resolve = captured
      captured = undefined
    }
    return this.done
  }
}

/** What `waitFor`'s waiter gets when `handlerTimeout` passes first. */
export const handlersTimedOut: unique symbol = Symbol('handlers timed out')
/** The answer's callback: the failure the handlers ended with (or `undefined`), or `handlersTimedOut`. */
export type Waiter = (ended: WebhookError | undefined | typeof handlersTimedOut) => void

function tellWaiter(entry: RunningEntry, ended: WebhookError | undefined | typeof handlersTimedOut): void {
  const waiter = entry.waiter
  if (waiter === undefined) return
  entry.waiter = undefined
  entry.waiting?.cancel()
  waiter(ended)
}

const waitedTooLong = (entry: RunningEntry) => tellWaiter(entry, handlersTimedOut)

/** Whether `entry` is still in the list (not settled, given up or cut): its delivery points to it until then. */
const isRunning = (entry: RunningEntry) => entry.delivery.running === entry

/** The entry has ended with `failure`: its delivery's `done` is that from now on, and a promise made for it settles. */
function ended(entry: RunningEntry, failure: WebhookError | undefined): void {
  entry.delivery.done = failure
  entry.resolve?.(failure)
  tellWaiter(entry, failure)
}

/** The deliveries of one pipeline whose handlers still run: what `close()` drains and `handlerDeadline` ends. */
export interface RunningDeliveries {
  readonly size: number
  /** Set by `cutAll`: nothing more is dispatched. */
  readonly closed: boolean
  /**
   * Tracks the `handlers` (which never reject) of a dispatched delivery until they settle or are given up: the
   * delivery's `done` (a promise made if read meanwhile) then becomes `ends.settle`'s failure of their errors, or
   * `ends.giveUp`'s failure, whichever is first. Handlers that settle after they were given up still get
   * `ends.settle`, for their claim.
   */
  track(delivery: Delivery, handlers: Promise<readonly unknown[]>): void
  /**
   * Calls `waiter` once, when the handlers of `delivery` settle or are given up, or with `handlersTimedOut` after
   * `ms`: the answer's wait with no promise, closure or timer of its own (`settleWithin` did it with three
   * promises and two closures per async delivery: 709 bytes more per delivery, measured). `false` when
   * `delivery` is not running here.
   */
  waitFor(delivery: Delivery, ms: number, waiter: Waiter): boolean
  /** The handlers of `delivery` ran past `handlerTimeout`: give them up at `handlerDeadline`. */
  overdue(delivery: Delivery): void
  /** Gives up every delivery still running (`close()` at its deadline); the number whose letters were not kept. */
  cutAll(): number
}

/** Per pipeline: `ends` says how a tracked delivery ends. */
export function createRunningDeliveries(
  handlerTimeout: number,
  handlerDeadline: number,
  ends: RunningEnds,
): RunningDeliveries {
  let first: RunningEntry | undefined
  let last: RunningEntry | undefined
  let size = 0
  let closed = false

  const forget = (entry: RunningEntry) => {
    if (!isRunning(entry)) return
    size--
    const { previous, next } = entry
    if (previous === undefined) first = next
    else previous.next = next
    if (next === undefined) last = previous
    else next.previous = previous
    entry.previous = entry.next = undefined
    entry.delivery.running = undefined
    if (entry.deadline !== undefined) clearTimeout(entry.deadline)
  }

  const giveUp = (entry: RunningEntry, reason: GiveUpReason): boolean => {
    forget(entry)
    abortEvent(entry.event)
    const failure = ends.giveUp(entry.delivery, reason)
    ended(entry, failure)
    return failure.kept !== false
  }

  const finish = (entry: RunningEntry, errors: readonly unknown[]) => {
    // Given up already: its letter and its answer are out; only the claim learns how it ended.
    if (!isRunning(entry)) {
      ends.settle(entry.delivery, errors)
      return
    }
    forget(entry)
    ended(entry, ends.settle(entry.delivery, errors))
  }

  return {
    get size() {
      return size
    },
    get closed() {
      return closed
    },
    track(delivery, handlers) {
      const entry = new RunningEntry(delivery, delivery.event as AnyWebhookEvent)
      entry.previous = last
      if (last === undefined) first = entry
      else last.next = entry
      last = entry
      size++
      delivery.running = entry
      handlers.then((result) => finish(entry, result))
    },
    waitFor(delivery, ms, waiter) {
      const entry = delivery.running as RunningEntry | undefined
      if (entry === undefined) return false
      entry.waiter = waiter
      entry.waiting = lazyTimeout(ms, waitedTooLong, entry)
      return true
    },
    overdue(delivery) {
      const entry = delivery.running as RunningEntry | undefined
      if (entry === undefined || entry.deadline !== undefined) return
      // A handler that never settles would otherwise hold its event, its claim's renewal and its memory for ever.
      entry.deadline = setTimeout(giveUp, handlerDeadline - handlerTimeout, entry, 'timeout')
      entry.deadline.unref?.()
    },
    cutAll() {
      closed = true
      const entries: RunningEntry[] = []
      for (let entry = first; entry !== undefined; entry = entry.next) entries.push(entry)
      let lost = 0
      for (const entry of entries) if (!giveUp(entry, 'shutdown')) lost++
      return lost
    },
  }
}
