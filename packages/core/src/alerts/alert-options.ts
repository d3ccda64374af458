import { checkOptionKeys } from '../errors/check-option-keys.js'
import { describeGiven } from '../errors/describe-given.js'
import { messageFrom } from '../errors/message-from.js'

/** The `alerts` option: alarms raised when Blinger stops calling, or calls with a token this receiver refuses. */
export interface AlertOptions {
  /**
   * Milliseconds without an authenticated delivery after which one `silence` event and one warning line are
   * raised; the next authenticated delivery raises `resumed`. Each instance watches only the requests it gets.
   * @default undefined (off)
   */
  silenceAfter?: number
  /**
   * Raise one `unauthorized` event and warning line when `count` requests with a wrong token arrive within
   * `within` ms and none with a right one. Requests without any token (scanners) never raise it. `false` turns it off.
   * @default { count: 10, within: 60_000, repeatAfter: 900_000 }
   */
  unauthorized?: UnauthorizedAlertOptions | false
}

/** Settings of the `unauthorized` alarm. */
export interface UnauthorizedAlertOptions {
  /** Requests with a wrong token that raise the alarm, with no right one among them; at most 10,000. @default 10 */
  count?: number
  /** The span, in ms, those `count` requests must fall within. @default 60_000 (1 min) */
  within?: number
  /** The shortest time between two alarms, in ms, while wrong tokens go on; a right token starts afresh. @default 900_000 (15 min) */
  repeatAfter?: number
}

/** The `alerts` option, checked, with its defaults. */
export interface ResolvedAlerts {
  readonly silenceAfter: number | undefined
  readonly unauthorized:
    | { readonly count: number; readonly within: number; readonly repeatAfter: number }
    | undefined
}

const prefixed = messageFrom('core')

const knownAlertKeys: Readonly<Record<keyof AlertOptions, true>> = { silenceAfter: true, unauthorized: true }
const knownUnauthorizedKeys: Readonly<Record<keyof UnauthorizedAlertOptions, true>> = {
  count: true,
  within: true,
  repeatAfter: true,
}

/** Applies the defaults of `alerts` and refuses a misuse with a clear error, naming types, never values. */
export function resolveAlerts(alerts: AlertOptions | false | undefined): ResolvedAlerts {
  if (alerts === false) return { silenceAfter: undefined, unauthorized: undefined }
  const given = alerts ?? {}
  checkOptionKeys(given, knownAlertKeys, 'alerts')
  const { silenceAfter, unauthorized = {} } = given
  if (unauthorized !== false) checkOptionKeys(unauthorized, knownUnauthorizedKeys, 'alerts.unauthorized')
  return {
    silenceAfter: silenceAfter === undefined ? undefined : positive('alerts.silenceAfter', silenceAfter),
    unauthorized:
      unauthorized === false
        ? undefined
        : {
            // The times of the last `count` are kept: bounded, so a typo cannot allocate gigabytes.
            count: wholeNumber('alerts.unauthorized.count', unauthorized.count ?? 10, 10_000),
            within: positive('alerts.unauthorized.within', unauthorized.within ?? 60_000),
            repeatAfter: positive('alerts.unauthorized.repeatAfter', unauthorized.repeatAfter ?? 900_000),
          },
  }
}

function positive(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value
  throw new RangeError(
    prefixed(`${name} must be a positive number of milliseconds, got ${describeGiven(value)}.`),
  )
}

function wholeNumber(name: string, value: unknown, most: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= most) return value
  throw new RangeError(
    prefixed(
      `${name} must be a whole number from 1 to ${most.toLocaleString('en-US')}, got ${describeGiven(value)}.`,
    ),
  )
}
