import { afterTurn } from '#platform'

/** A timeout that can be cancelled before or after it is armed. */
export interface LazyTimeout {
  cancel(): void
}

class Pending<A> implements LazyTimeout {
  timer: ReturnType<typeof setTimeout> | undefined = undefined
  // Cleared on cancel: a cancelled timeout waiting for its turn to end holds nothing of the request.
  onTimeout: ((arg: A) => void) | undefined
  arg: A | undefined

  constructor(
    readonly ms: number,
    onTimeout: (arg: A) => void,
    arg: A,
  ) {
    this.onTimeout = onTimeout
    this.arg = arg
  }

  cancel(): void {
    this.onTimeout = undefined
    this.arg = undefined
    if (this.timer !== undefined) clearTimeout(this.timer)
  }
}

let due: Pending<unknown>[] = []

function armDue(): void {
  const list = due
  due = []
  for (const pending of list)
    if (pending.onTimeout !== undefined)
      pending.timer = setTimeout(pending.onTimeout, pending.ms, pending.arg)
}

/**
 * Calls `onTimeout(arg)` after `ms`, unless cancelled first. The timer is armed at the end of the event-loop turn,
 * by one `setImmediate` (`afterTurn`) shared by every timeout started in that turn, and only for work still pending then:
 * under load no body and no handler is (a `setTimeout` + `clearTimeout` per request cost ~5 µs). The full
 * `ms` runs from there, so a slow sender or handler gets its whole time, started less than one turn late.
 * `arg`, as `setTimeout`'s, lets a caller pass a module-level function instead of a closure per call.
 */
export function lazyTimeout(ms: number, onTimeout: () => void): LazyTimeout
export function lazyTimeout<A>(ms: number, onTimeout: (arg: A) => void, arg: A): LazyTimeout
export function lazyTimeout<A>(ms: number, onTimeout: (arg: A) => void, arg?: A): LazyTimeout {
  const pending = new Pending(ms, onTimeout, arg as A)
  // A caller that never yields to the event loop (a loop of awaits) would grow the list without end.
  if (due.length >= 1024) due = due.filter((waiting) => waiting.onTimeout !== undefined)
  if (due.push(pending as Pending<unknown>) === 1) afterTurn(armDue)
  return pending
}
