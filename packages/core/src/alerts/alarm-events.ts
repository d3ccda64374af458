/**
 * Emitted as `silence` when no authenticated delivery arrived for `alerts.silenceAfter` ms: the webhook was
 * switched off in Blinger, or its URL or token changed. Once per silence; `resumed` ends it.
 */
export interface SilenceAlarm {
  /** The last authenticated delivery, or when the receiver was created if none came yet: the silence began then. */
  readonly since: Date
  /** The last authenticated delivery; `undefined` when none came since the receiver was created. */
  readonly lastDeliveryAt: Date | undefined
  /** The `alerts.silenceAfter` that passed, in ms. */
  readonly silenceAfter: number
  /** When the alarm was raised. */
  readonly at: Date
}

/** Emitted as `resumed` when an authenticated delivery arrives after a `silence`. */
export interface ResumedAlarm {
  /** When the silence began: as `SilenceAlarm.since`. */
  readonly since: Date
  /** The delivery that ended it. */
  readonly at: Date
  /** Milliseconds from `since` to `at`. */
  readonly silentFor: number
}

/**
 * Emitted as `unauthorized` when requests keep coming with a wrong token and none with a right one: a token
 * rotated on one side only. Names counts and times, never a token.
 */
export interface UnauthorizedAlarm {
  /** Requests with a wrong token from `from` to `to` (since the last alarm, or the last right token). */
  readonly count: number
  /** Requests in the same period that presented no token at all (scanners): counted apart, they raise nothing. */
  readonly withoutToken: number
  /** The first wrong token counted. */
  readonly from: Date
  /** The wrong token that raised the alarm. */
  readonly to: Date
}

/** The alarm events by name: lifecycle events of the receiver, like `invalid` and `duplicate`. */
export interface AlarmEvents {
  readonly silence: SilenceAlarm
  readonly resumed: ResumedAlarm
  readonly unauthorized: UnauthorizedAlarm
}

/** `'silence' | 'resumed' | 'unauthorized'`. */
export type AlarmName = keyof AlarmEvents

/** What the `blinger-webhooks:alarm` diagnostics channel publishes: the alarm's name and its event. */
export type AlarmMessage = {
  readonly [K in AlarmName]: { readonly kind: K; readonly event: AlarmEvents[K] }
}[AlarmName]
