import type { AnyWebhookEvent } from '../emitter/event-map.js'
import type { WebhookError } from '../errors/webhook-error.js'
import type { Delivery, HandlersDone } from '../pipeline/delivery.js'
import type { RunningDeliveries } from '../pipeline/running-deliveries.js'
import { settleWithin } from '../pipeline/settle-within.js'
import { createKeyedSerialRunner } from './keyed-serial-runner.js'
import type { ResolvedOrder } from './resolve-order.js'

/** What `run` gives for a delivery over a cap of `orderLimits`: it never runs (503 and a dead letter). */
export const orderFull = Symbol('orderFull')

/**
 * How an ordered delivery goes on, given once per pipeline (no closure per delivery): the steps' functions
 * bound to it, so that this module needs nothing of the pipeline.
 */
export interface OrderedEnds {
  /** Dispatches the delivery's handlers (its `event` is made): what its `done` settles with. */
  start(delivery: Delivery): HandlersDone
  /** The key function threw: the delivery fails as if a handler had thrown. */
  fail(delivery: Delivery, errors: readonly unknown[]): HandlersDone
  /** Its handlers ran `handlerTimeout` since they started: give them up at `handlerDeadline` (`abort`: and abort `event.signal`). */
  overdue(delivery: Delivery, abort: boolean): void
  /** `close()` at its deadline, for one that never started: its claim let go, settled as `shutdown`. */
  cut(delivery: Delivery): WebhookError
}

/** One delivery that waited for its turn, from its arrival to `handlerTimeout` after its handlers started. */
class Turn {
  /** Settles the `done` its delivery was given when it was queued; `undefined` while `run` starts it at once. */
  resolve: ((done: HandlersDone) => void) | undefined = undefined
  /** Asked for before the handlers had their `handlerTimeout` (`true`: abort `event.signal` too): done once they had it. */
  overdue: boolean | undefined = undefined

  constructor(readonly delivery: Delivery) {}
}

/**
 * The `order` option inside one pipeline: where step "dispatch" runs handlers through (`run`), what asks when a
 * delivery's time is up (`afterTimeout`), and what `close()` and `receiver.running` see (`running`).
 */
export interface OrderedDispatch {
  /**
   * Runs the delivery's handlers now when its event has no key or none of its key runs; else after the earlier
   * ones of its key (then its `done` settles when they end); or never, over a cap (`orderFull`). A key function
   * that throws fails the delivery as a handler would.
   */
  run(delivery: Delivery): HandlersDone | typeof orderFull
  /**
   * `ends.overdue` once the delivery's handlers have run `handlerTimeout` since they STARTED: at once for one
   * that was never queued (its arrival was its start), later for one that waited for its turn.
   */
  afterTimeout(delivery: Delivery, abort: boolean): void
  /** `running`, plus the deliveries waiting for their turn: counted in `size`, given up by `cutAll`. */
  readonly running: RunningDeliveries
}

/** Per pipeline, when `order` is on: `running` is the pipeline's own, `ends` how a delivery goes on. */
export function createOrderedDispatch(
  order: ResolvedOrder,
  handlerTimeout: number,
  running: RunningDeliveries,
  ends: OrderedEnds,
): OrderedDispatch {
  const { keyOf } = order
  // Turns queued, until their handlers ran `handlerTimeout` (or settled before).
  const turns = new Map<Delivery, Turn>()
  // What the delivery `run` started at once gave: the runner returns where it was placed, not this.
  let startedNow: HandlersDone

  const begin = (turn: Turn): HandlersDone => {
    const { resolve, delivery } = turn
    if (resolve === undefined) {
      startedNow = ends.start(delivery)
      return startedNow
    }
    const done = ends.start(delivery)
    resolve(done)
    if (!(done instanceof Promise)) {
      turns.delete(delivery)
      return done
    }
    // Its `handlerTimeout` counts from now: the answer (`ack`) and the claim count from its arrival.
    settleWithin(done, handlerTimeout).then((outcome) => {
      turns.delete(delivery)
      const { overdue } = turn
      if (outcome.state !== 'timed-out' || overdue === undefined) return
      turn.overdue = undefined
      ends.overdue(delivery, overdue)
    })
    return done
  }
  const runner = createKeyedSerialRunner(begin, order.limits)

  const run: OrderedDispatch['run'] = (delivery) => {
    let key: string | undefined
    try {
      key = keyOf(delivery.event as AnyWebhookEvent)
    } catch (error) {
      return ends.fail(delivery, [error])
    }
    if (key === undefined) return ends.start(delivery)
    const turn = new Turn(delivery)
    const placed = runner.run(key, turn)
    if (placed === 'full') return orderFull
    if (placed === 'started') {
      const done = startedNow
      startedNow = undefined // the runner holds the key until `done` settles; nothing else should
      return done
    }
    turns.set(delivery, turn)
    return new Promise((resolve) => {
      turn.resolve = resolve
    })
  }

  const afterTimeout: OrderedDispatch['afterTimeout'] = (delivery, abort) => {
    const turn = turns.get(delivery)
    if (turn === undefined) ends.overdue(delivery, abort)
    else turn.overdue = abort || turn.overdue === true
  }

  /** `close()` at its deadline: the deliveries that never started become `shutdown` dead letters, in order. */
  const cutWaiting = (): number => {
    let lost = 0
    for (const turn of runner.takeWaiting()) {
      turns.delete(turn.delivery)
      const failure = ends.cut(turn.delivery)
      if (failure.kept === false) lost++
      turn.resolve?.(failure)
    }
    return lost
  }

  const withWaiting: RunningDeliveries = {
    get size() {
      return running.size + runner.waiting
    },
    get closed() {
      return running.closed
    },
    track: (delivery, handlers) => running.track(delivery, handlers),
    // A delivery's `done` here is its turn's, not its handlers' alone: the answer waits on it with `settleWithin`.
    waitFor: () => false,
    overdue: (delivery) => running.overdue(delivery),
    // The running ones first: each is earlier in its key than those waiting behind it.
    cutAll: () => running.cutAll() + cutWaiting(),
  }
  return { run, afterTimeout, running: withWaiting }
}
