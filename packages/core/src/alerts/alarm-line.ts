import { messageFrom } from '../errors/message-from.js'
import type { AlarmMessage } from './alarm-events.js'

const prefixed = messageFrom('core')

/**
 * The `console.warn` line of an alarm: counts, times and what to check. Built from numbers and dates only, so
 * it can carry no token, URL or payload value.
 */
export function alarmLine(alarm: AlarmMessage): string {
  switch (alarm.kind) {
    case 'silence': {
      const { since, lastDeliveryAt, silenceAfter } = alarm.event
      const last =
        lastDeliveryAt === undefined
          ? `none since this receiver started at ${since.toISOString()}`
          : `the last at ${since.toISOString()}`
      return prefixed(
        `Silence: no authenticated delivery for ${span(silenceAfter)} (${last}). Check that the webhook is switched on in Blinger and that its URL and token are this receiver's. Behind a load balancer this instance sees only its own share.`,
      )
    }
    case 'resumed':
      return prefixed(
        `Resumed: an authenticated delivery arrived after ${span(alarm.event.silentFor)} of silence.`,
      )
    case 'unauthorized': {
      const { count, withoutToken, from, to } = alarm.event
      const apart = withoutToken > 0 ? ` (${withoutToken} more came without a token, not counted)` : ''
      return prefixed(
        `Unauthorized: ${count} requests with a wrong token in ${span(to.getTime() - from.getTime())} (${from.toISOString()} to ${to.toISOString()}) and none with a right one${apart}. Was the token rotated on one side only? Compare the URL registered in Blinger with this receiver's token option.`,
      )
    }
  }
}

/** Milliseconds as a person reads them: `45 s`, `30 min`, `2 h 5 min`. */
export function span(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const rest = minutes % 60
  return `${Math.floor(minutes / 60)} h${rest === 0 ? '' : ` ${rest} min`}`
}
