import type { AccountCheck } from '../auth/create-account-check.js'
import { tokenMissing } from '../auth/token-missing.js'
import { createRateLimitedWarner } from '../dead-letters/create-rate-limited-warner.js'
import { alarmChannel } from '../diagnostics/channels.js'
import type { EventMap } from '../emitter/event-map.js'
import type { TypedEmitter } from '../emitter/typed-emitter.js'
import { messageFrom } from '../errors/message-from.js'
import type { WebhookError } from '../errors/webhook-error.js'
import { presentedTokens } from '../pipeline/check-auth.js'
import type { HandleRequest } from '../pipeline/handle-types.js'
import { notifyLifecycle } from '../pipeline/notify-lifecycle.js'
import type { AlarmEvents, AlarmMessage, AlarmName } from './alarm-events.js'
import { alarmLine } from './alarm-line.js'
import type { ResolvedAlerts } from './alert-options.js'
import { watchSilence } from './watch-silence.js'
import { watchUnauthorized } from './watch-unauthorized.js'

/** A receiver's alarms: its account check, watched, and what `close()` stops. */
export interface Alarms {
  /** Wraps the account check: what it lets in, refuses, or cannot check (`tokenMissing`) feeds the alarms. */
  watch(check: AccountCheck): AccountCheck
  /** Stops the silence timer: a closed receiver raises nothing. */
  stop(): void
}

const prefixed = messageFrom('core')
const presentsToken = (request: HandleRequest) => presentedTokens(request).length > 0

/**
 * Builds the alarms of the `alerts` option. They watch the account check, the one step every request passes:
 * an accepted request costs a counter and, with `silenceAfter`, a `Date.now()`; a refused one is looked at
 * again for any token only on the 401 path. `tokenMissing` (a receiver without a token) raises neither alarm:
 * it is reported as `token_missing` on every request already.
 */
export function createAlarms(
  alerts: ResolvedAlerts,
  emitter: TypedEmitter,
  report: (error: WebhookError) => void,
): Alarms {
  const warn = createRateLimitedWarner({
    summary: (kind, count, windowMs) =>
      prefixed(`${count} more ${kind} alarms were not logged in the last ${windowMs / 1000} s.`),
  })
  const listeners = { emitter, report }
  const raise = <K extends AlarmName>(kind: K, event: AlarmEvents[K]) => {
    const message = { kind, event } as AlarmMessage
    warn(kind, alarmLine(message))
    if (alarmChannel.hasSubscribers) alarmChannel.publish(message)
    notifyLifecycle(kind, event as EventMap[K], listeners)
  }

  const silence =
    alerts.silenceAfter === undefined
      ? undefined
      : watchSilence(alerts.silenceAfter, {
          silence: (event) => raise('silence', event),
          resumed: (event) => raise('resumed', event),
        })
  const unauthorized =
    alerts.unauthorized === undefined
      ? undefined
      : watchUnauthorized(alerts.unauthorized, (event) => raise('unauthorized', event))

  const watch = (check: AccountCheck): AccountCheck => {
    if (silence !== undefined && unauthorized !== undefined)
      return (request) => {
        const auth = check(request)
        if (auth === undefined) unauthorized.refused(request, presentsToken)
        else if (auth !== tokenMissing) {
          silence.delivered()
          unauthorized.delivered()
        }
        return auth
      }
    if (unauthorized !== undefined)
      return (request) => {
        const auth = check(request)
        if (auth === undefined) unauthorized.refused(request, presentsToken)
        else if (auth !== tokenMissing) unauthorized.delivered()
        return auth
      }
    if (silence !== undefined)
      return (request) => {
        const auth = check(request)
        if (auth !== undefined && auth !== tokenMissing) silence.delivered()
        return auth
      }
    return check
  }
  return { watch, stop: () => silence?.stop() }
}
