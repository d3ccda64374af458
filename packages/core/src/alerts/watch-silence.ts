import type { ResumedAlarm, SilenceAlarm } from './alarm-events.js'

/** What `watchSilence` tells of a silence and of its end. */
export interface SilenceSignals {
  silence(event: SilenceAlarm): void
  resumed(event: ResumedAlarm): void
}

/** A silence watch: `delivered()` on each authenticated delivery, `stop()` when the receiver closes. */
export interface SilenceWatch {
  delivered(): void
  stop(): void
}

// setTimeout fires at once past 2^31 - 1 ms (24.8 days): a longer silenceAfter is waited for in such steps.
const longestTimer = 2_147_483_647

/**
 * Watches for `silenceAfter` ms without a delivery. A delivery only stores the time (and looks at one flag):
 * no timer is reset per request. One unref'd timer looks when the silence could be due at the earliest, and
 * again from the last delivery it finds, so it wakes about once per `silenceAfter` while deliveries come.
 */
export function watchSilence(silenceAfter: number, signals: SilenceSignals): SilenceWatch {
  let last = Date.now()
  let delivered = false
  let silentSince: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const schedule = (delay: number) => {
    timer = setTimeout(check, Math.min(Math.max(delay, 0), longestTimer))
    ;(timer as { unref?: () => void }).unref?.()
  }
  const check = () => {
    timer = undefined
    const now = Date.now()
    const due = last + silenceAfter
    if (now < due) return schedule(due - now)
    silentSince = last
    signals.silence({
      since: new Date(last),
      lastDeliveryAt: delivered ? new Date(last) : undefined,
      silenceAfter,
      at: new Date(now),
    })
  }
  const resume = () => {
    const since = silentSince as number
    silentSince = undefined
    if (!stopped) schedule(silenceAfter)
    signals.resumed({ since: new Date(since), at: new Date(last), silentFor: last - since })
  }
  schedule(silenceAfter)

  return {
    delivered() {
      last = Date.now()
      delivered = true
      if (silentSince !== undefined) resume()
    },
    stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
