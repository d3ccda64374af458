import { type AlertOptions, defaultLimit } from '@blinger-webhooks/core'
import { describeGiven, messageFrom } from '@blinger-webhooks/core/internal'
import { isLoopback } from './is-loopback.js'

/** Options of `startInspector`. */
export interface InspectorOptions {
  /** The port to listen on; `0` picks a free one. @default 4000 */
  port?: number
  /** The address to bind. Anything but loopback requires `token`. @default '127.0.0.1' */
  host?: string
  /**
   * The secret webhooks must present (`?token=`, `Authorization: Bearer` or `X-Blinger-Token`), as with any
   * receiver. When `host` is not loopback, the page and the API require it too.
   * @default undefined (webhooks need no token; only allowed on loopback)
   */
  token?: string | undefined
  /** Relay every accepted delivery to this URL as it arrives; also the default target of replays and samples. @default undefined */
  forward?: string | undefined
  /**
   * Append every accepted delivery (invalid ones too; not duplicates, not refused requests) to this file as one
   * NDJSON line in `@blinger-webhooks/recorder`'s format, which `blinger-webhooks replay` reads.
   * @default undefined
   */
  record?: string | undefined
  /** How many deliveries are kept in memory; older ones are dropped. @default 500 */
  max?: number
  /** The largest body accepted, in bytes. @default 5_242_880 (5 MiB, as the core) */
  limit?: number
  /** Milliseconds to wait for the target app on a forward, replay or sample. @default 10_000 */
  sendTimeout?: number
  /** The folder holding the built page. @default the package's `dist/ui` */
  uiDir?: string | undefined
  /**
   * The receiver's alarms (core's `alerts` option), shown on the page as they are raised: e.g.
   * `{ silenceAfter: 60_000 }` to see when a test setup stopped sending. Checked by the core.
   * @default the core's: `unauthorized` on (with a token), no silence alarm
   */
  alerts?: AlertOptions | false | undefined
}

/** Options with every default applied and checked. */
export interface ResolvedInspectorOptions {
  readonly port: number
  readonly host: string
  readonly token: string | undefined
  readonly forward: URL | undefined
  readonly record: string | undefined
  readonly max: number
  readonly limit: number
  readonly sendTimeout: number
  readonly uiDir: string | undefined
  readonly loopback: boolean
  readonly alerts: AlertOptions | false | undefined
}

const prefixed = messageFrom('inspector')

/** Applies defaults and rejects bad options with a clear error before anything listens. */
export function resolveInspectorOptions(options: InspectorOptions): ResolvedInspectorOptions {
  const host = options.host ?? '127.0.0.1'
  const loopback = isLoopback(host)
  const token = options.token === '' ? undefined : options.token
  if (!loopback && token === undefined) {
    throw new TypeError(
      prefixed(
        `A token is required to bind to ${host}: anyone who can reach it could read every delivery. Pass --token, or bind to 127.0.0.1.`,
      ),
    )
  }
  const port = options.port ?? 4000
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(prefixed(`port must be an integer from 0 to 65535, got ${describeGiven(port)}.`))
  return {
    port,
    host,
    token,
    forward: options.forward === undefined ? undefined : parseTarget(options.forward, 'forward'),
    record: options.record === '' ? undefined : options.record,
    max: positiveInteger('max', options.max ?? 500),
    limit: positiveInteger('limit', options.limit ?? defaultLimit),
    sendTimeout: positiveInteger('sendTimeout', options.sendTimeout ?? 10_000),
    uiDir: options.uiDir,
    loopback,
    alerts: options.alerts,
  }
}

/** Parses an http(s) URL given as a target, or throws a clear error. */
export function parseTarget(value: string, name: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new TypeError(prefixed(`${name} must be an http:// or https:// URL.`)) // not quoted: it may hold a token
  return url
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(
      prefixed(
        `${name} must be a positive integer, got ${typeof value === 'number' ? value : `a ${typeof value}`}.`,
      ),
    )
  return value
}
