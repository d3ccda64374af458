import type { AnyWebhookEvent } from '../emitter/event-map.js'
import { WebhookError } from '../errors/webhook-error.js'
import { abortEvent } from './create-event.js'
import type { LoseDelivery } from './lose-delivery.js'

/** Why running handlers were given up on. */
export type GiveUpReason = 'shutdown' | 'timeout'

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

  return {
    get size() {
      return running.size
    },
    get closed() {
      return closed
    },
    track(event, handlers, settle) {
      return new Promise((resolve) => {
        const entry: Entry = {
          event,
          deadline: undefined,
          giveUp: (reason) => {
            forget(entry)
            abortEvent(event)
            const kept =
              lose === undefined
                ? true
                : lose(reason === 'timeout' ? 'handlerTimeout' : 'shuttingDown', event)
            resolve(gaveUp(reason, event, kept))
            return kept
          },
        }
        running.set(event, entry)
        handlers.then((result) => {
          // Given up already: its letter and its answer are out; only the claim learns how it ended.
          if (running.get(event) !== entry) {
            settle(result, true)
            return
          }
          forget(entry)
          resolve(settle(result, false))
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

function gaveUp(reason: GiveUpReason, event: AnyWebhookEvent, kept: boolean): WebhookError {
  return new WebhookError(
    reason === 'timeout' ? 'handler_timeout' : 'shutdown',
    reason === 'timeout'
      ? `The handlers of ${event.name} (delivery ${event.id}) did not settle within handlerDeadline.`
      : `The receiver closed before the handlers of ${event.name} (delivery ${event.id}) settled.`,
    { event, kept },
  )
}
