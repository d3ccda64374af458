import type { HandleRequest } from '../pipeline/handle-types.js'
import type { UnauthorizedAlarm } from './alarm-events.js'
import type { ResolvedAlerts } from './alert-options.js'

/** A watch of refused tokens: `delivered()` on each right token, `refused()` on each 401. */
export interface UnauthorizedWatch {
  delivered(): void
  refused(request: HandleRequest, presentsToken: (request: HandleRequest) => boolean): void
}

/**
 * Counts requests refused with a wrong token since the last right one, and raises `unauthorized` when `count`
 * of them fall within `within` ms, then not again before `repeatAfter` unless a right token came between.
 * A right token costs one increment; the times of the last `count` wrong ones are kept in a fixed ring.
 */
export function watchUnauthorized(
  { count, within, repeatAfter }: NonNullable<ResolvedAlerts['unauthorized']>,
  raise: (event: UnauthorizedAlarm) => void,
): UnauthorizedWatch {
  let rights = 0
  let rightsSeen = 0
  const ring = new Float64Array(count)
  let next = 0
  let filled = 0
  let wrong = 0
  let withoutToken = 0
  let from = 0
  let quietUntil = 0

  const restart = () => {
    rightsSeen = rights
    filled = 0
    wrong = 0
    withoutToken = 0
    quietUntil = 0
  }

  return {
    delivered() {
      rights++
    },
    refused(request, presentsToken) {
      if (rights !== rightsSeen) restart() // a right token came since: what was counted is forgiven
      if (!presentsToken(request)) {
        withoutToken++
        return
      }
      const now = Date.now()
      if (wrong++ === 0) from = now
      ring[next] = now
      next = (next + 1) % count
      if (filled < count) filled++
      // Full, `ring[next]` is the oldest of the last `count`.
      if (filled < count || now - (ring[next] as number) > within || now < quietUntil) return
      raise({ count: wrong, withoutToken, from: new Date(from), to: new Date(now) })
      wrong = 0
      withoutToken = 0
      quietUntil = now + repeatAfter
    },
  }
}
