import type { AnyWebhookEvent } from '../emitter/event-map.js'
import { WebhookError } from '../errors/webhook-error.js'
import { abortEvent } from './create-event.js'
import type { LoseDelivery } from './lose-delivery.js'

/** Why running handlers were given up on. */
export type GiveUpReason = 'shutdown' | 'timeout'

/**
 * One delivery whose handlers did not settle synchronously. A class with the tracking's state in fields, not
 * a literal holding a `giveUp` closure and a promise executor per delivery: 475 bytes less allocated (and
 * kept alive while its handlers run) per async delivery, measured in process.
 */
class Entry {
  deadline: ReturnType<typeof setTimeout> | undefined = undefined

  constructor(
    readonly event: AnyWebhookEvent,
    readonly settle: (result: never, givenUp: boolean) => WebhookError | undefined,
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
   * Tracks `handlers` (which never reject) until they settle or are given up: the promise returned settles with
   * `settle`'s failure of their result, or with a `handler_timeout` / `shutdown` failure when they are given up,
   * whichever is first. `kept` of the failure says whether its dead letter was kept. Handlers that settle after
   * they were given up still get `settle(result, true)`, for their claim; their letter is written already.
   */
  track<T>(
    event: AnyWebhookEvent,
    handlers: Promise<T>,
    settle: (result: T, givenUp: boolean) => WebhookError | undefined,
  ): Promise<WebhookError | undefined>
  /** The handlers of `event` ran past `handlerTimeout`: give them up at `handlerDeadline`. */
  overdue(event: AnyWebhookEvent): void
  /** Gives up every delivery still running (`close()` at its deadline); the number whose letters were not kept. */
  cutAll(): number
}

/**
 * Per pipeline: `lose` keeps the dead letter of each delivery given up (`handle()` only; a `receive()` caller,
 * such as a queue worker, gets the failure and keeps the job itself).
 */
export function createRunningDeliveries(
  handlerTimeout: number,
  handlerDeadline: number,
  lose: LoseDelivery | undefined,
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
    const { event } = entry
    abortEvent(event)
    const kept =
      lose === undefined ? true : lose(reason === 'timeout' ? 'handlerTimeout' : 'shuttingDown', event)
    entry.resolve(gaveUp(reason, event, kept))
    return kept
  }

  const finish = (entry: Entry, result: unknown) => {
    // Given up already: its letter and its answer are out; only the claim learns how it ended.
    if (running.get(entry.event) !== entry) {
      entry.settle(result as never, true)
      return
    }
    forget(entry)
    entry.resolve(entry.settle(result as never, false))
  }

  return {
    get size() {
      return running.size
    },
    get closed() {
      return closed
    },
    track(event, handlers, settle) {
      const promise = new Promise<WebhookError | undefined>(capture)
      const entry = new Entry(
        event,
        settle as Entry['settle'],
        captured as (failure: WebhookError | undefined) => void,
      )
      captured = undefined
      running.set(event, entry)
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

function gaveUp(reason: GiveUpReason, event: AnyWebhookEvent, kept: boolean): WebhookError {
  return new WebhookError(
    reason === 'timeout' ? 'handler_timeout' : 'shutdown',
    reason === 'timeout'
      ? `The handlers of ${event.name} (delivery ${event.id}) did not settle within handlerDeadline.`
      : `The receiver closed before the handlers of ${event.name} (delivery ${event.id}) settled.`,
    { event, kept },
  )
}
