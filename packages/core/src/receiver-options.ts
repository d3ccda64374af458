import { type AlertOptions, type ResolvedAlerts, resolveAlerts } from './alerts/alert-options.js'
import { type AccountByToken, resolveAccounts } from './auth/resolve-accounts.js'
import { noAccounts } from './auth/token-missing.js'
import type { AccountOf, TokenOption } from './auth/token-option.js'
import type { DeadLetterOptions } from './dead-letters/create-dead-letters.js'
import { defaultLimit } from './default-limit.js'
import { checkOptionKeys } from './errors/check-option-keys.js'
import { describeGiven } from './errors/describe-given.js'
import {
  type OrderLimitsOption,
  type OrderOption,
  type ResolvedOrder,
  resolveOrder,
} from './order/resolve-order.js'
import { claimLease } from './store/claim-lease.js'
import type { DedupeStore } from './store/dedupe-store.js'
import { createMemoryStore } from './store/memory-store.js'

/** How payloads are checked against the schemas. */
export type ValidationMode = 'strict' | 'lenient' | 'off'

/** When the receiver answers Blinger. */
export type AckMode = 'after-handlers' | 'immediately'

/**
 * Options of `createReceiver` and of every adapter's `blingerWebhooks`. `T` is the `token` option's type,
 * inferred from it: a map's keys type `event.account`.
 */
export interface ReceiverOptions<T extends TokenOption = TokenOption> {
  /**
   * The secret Blinger must present, as `?token=`, `Authorization: Bearer` or `X-Blinger-Token`.
   * An array accepts each of its tokens, for rotation. A map (`{ acme: tokenA, globex: [newB, oldB] }`) serves
   * several Blinger accounts: each delivery's `account` is the key whose token it came with, and dedupe is per
   * account. Required unless `allowUnauthenticated` is set. Change it later with `setTokens`.
   * @default undefined (refused unless `allowUnauthenticated`)
   */
  token?: T
  /** Accept requests without a token. Only for local development behind something that authenticates. @default false */
  allowUnauthenticated?: boolean
  /** The largest body accepted, in bytes; longer bodies get 413 and are not read further. @default 5_242_880 (5 MiB) */
  limit?: number
  /** `strict` answers 422 on a schema mismatch; `lenient` reports it on `invalid` and still runs handlers; `off` skips it. @default 'strict' */
  validation?: ValidationMode
  /** Drop repeated deliveries. `false` turns it off; an object tunes it. @default true (in memory, 10 min, 10,000 ids) */
  dedupe?: boolean | DedupeOptions
  /** `after-handlers` answers when the handlers have settled (500 if one failed); `immediately` answers 200 as soon as the payload is accepted. @default 'after-handlers' */
  ack?: AckMode
  /** Milliseconds to wait for handlers before answering 200 anyway and aborting `event.signal`. @default 10_000 */
  handlerTimeout?: number
  /**
   * Milliseconds after which handlers that never settled are given up: their `event.signal` is aborted (again),
   * the delivery becomes a dead letter with reason `timeout`, its claim's lease is no longer renewed and its
   * memory is freed. Must be longer than `handlerTimeout`.
   * @default 600_000 (10 min), or twice `handlerTimeout` when that is longer
   */
  handlerDeadline?: number
  /** Milliseconds allowed to receive the whole body; a slower sender gets 408. @default 10_000 */
  readTimeout?: number
  /**
   * Keep every authenticated delivery that is answered but not handled (`invalid`, `unhandled`, `failed`,
   * `unavailable`, `shutdown`, `timeout`, `overflow`) as one NDJSON line, for `blinger-webhooks replay`: `{ path }` appends
   * to a file (reopen it with `receiver.deadLetters.reopen()` after logrotate), `{ stream }` writes to any
   * writable. `false` keeps nothing and warns about nothing.
   * @default undefined (one rate-limited `console.warn` line per lost delivery)
   */
  deadLetters?: DeadLetterOptions | undefined
  /**
   * Alarms, each one event and one `console.warn` line: `silence` when no authenticated delivery came for
   * `silenceAfter` ms (then `resumed`), `unauthorized` when requests keep coming with a wrong token and none with
   * a right one. Each instance behind a load balancer watches only its own requests. `false` turns both off.
   * @default { unauthorized: { count: 10, within: 60_000, repeatAfter: 900_000 } } (no silence alarm)
   */
  alerts?: AlertOptions | false
  /**
   * Handle deliveries with the same key one after another, in the order they were received; other keys run side
   * by side. `'conversation'` keys by the conversation id (prefixed by the account with a `token` map), so a
   * conversation's `message.incoming` handler has finished before its `conversation.closed` one starts;
   * `user.new` and `unknown` webhooks are not ordered. A function `(event) => key` gives another key
   * (`undefined`: not ordered). A waiting delivery is still answered within `handlerTimeout` of its arrival;
   * its handlers' `handlerTimeout`, `handlerDeadline` and `event.signal` count from when they start.
   * See docs/ordering.md.
   * @default undefined (off: every delivery runs as soon as it arrives)
   */
  order?: OrderOption<AccountOf<T>>
  /**
   * Caps on the deliveries waiting for their turn under `order`; one over a cap is answered 503 and kept as a
   * dead letter (`overflow`). An error without `order`.
   * @default { perKey: 100, total: 10_000 }
   */
  orderLimits?: OrderLimitsOption
}

/** Dedupe settings. */
export interface DedupeOptions {
  /** Where ids are kept. @default an in-memory store of the last `max` ids claimed */
  store?: DedupeStore
  /** How long an id is remembered, in milliseconds. @default 600_000 (10 min) */
  ttl?: number
  /** The most ids the default in-memory store keeps; an error beside `store`, which it cannot size. @default 10_000 */
  max?: number
  /** Milliseconds to wait for the store before answering 503. @default 5_000 */
  timeout?: number
}

/**
 * Every key the options may have: the receiver's (typed against `ReceiverOptions`, so a new option does not
 * compile until it is listed here) and an adapter's own. Anything else is a typo, refused at creation.
 */
export const knownOptionKeys: Readonly<Record<keyof ReceiverOptions, true>> & {
  readonly path: true
  readonly receiver: true
} = {
  token: true,
  allowUnauthenticated: true,
  limit: true,
  validation: true,
  dedupe: true,
  ack: true,
  handlerTimeout: true,
  handlerDeadline: true,
  readTimeout: true,
  deadLetters: true,
  alerts: true,
  order: true,
  orderLimits: true,
  // The adapters' own: `path` is matched by them, `receiver` mounts one built elsewhere.
  path: true,
  receiver: true,
}

const knownDedupeKeys: Readonly<Record<keyof DedupeOptions, true>> = {
  store: true,
  ttl: true,
  max: true,
  timeout: true,
}

// Below 16 characters a token can be guessed; the warning says how to make one and never prints it.
const shortestToken = 16

/** Options with every default applied, checked once at creation. */
export interface ResolvedOptions {
  /** Each accepted token's account; `undefined` when unauthenticated. */
  readonly accounts: AccountByToken | undefined
  readonly limit: number
  readonly validation: ValidationMode
  readonly dedupe:
    | {
        readonly store: DedupeStore
        readonly ttl: number
        readonly timeout: number
        /** How long a claim lasts until its handlers succeeded: see `claimLease`. */
        readonly lease: number
      }
    | undefined
  readonly ack: AckMode
  readonly handlerTimeout: number
  readonly handlerDeadline: number
  readonly readTimeout: number
  readonly deadLetters: DeadLetterOptions | undefined
  readonly alerts: ResolvedAlerts
  /** `order` and its caps; `undefined` when off. */
  readonly order: ResolvedOrder | undefined
}

const prefix = '[@blinger-webhooks/core]'

/** Applies defaults and rejects bad options with a clear error, once, when a receiver is created. */
export function resolveOptions(options: ReceiverOptions): ResolvedOptions {
  checkOptionKeys(options, knownOptionKeys)
  const accounts = accountsAtCreation(options.token, options.allowUnauthenticated)
  const dedupe = options.dedupe ?? true
  const dedupeOptions = typeof dedupe === 'object' ? dedupe : {}
  if (typeof dedupe === 'object') checkOptionKeys(dedupe, knownDedupeKeys, 'dedupe')
  const handlerTimeout = positive('handlerTimeout', options.handlerTimeout ?? 10_000)
  return {
    accounts,
    limit: positive('limit', options.limit ?? defaultLimit),
    validation: oneOf('validation', options.validation ?? 'strict', ['strict', 'lenient', 'off']),
    dedupe: dedupe === false ? undefined : resolveDedupe(dedupeOptions, handlerTimeout),
    ack: oneOf('ack', options.ack ?? 'after-handlers', ['after-handlers', 'immediately']),
    handlerTimeout,
    handlerDeadline: longer(
      'handlerDeadline',
      options.handlerDeadline ?? Math.max(600_000, 2 * handlerTimeout),
      handlerTimeout,
    ),
    readTimeout: positive('readTimeout', options.readTimeout ?? 10_000),
    deadLetters: deadLetterOption(options.deadLetters),
    alerts: resolveAlerts(options.alerts),
    order: resolveOrder(options.order, options.orderLimits),
  }
}

/** The `token` option (also `setTokens`'s argument) as token → account. */
export function resolveTokens(
  token: TokenOption,
  allowUnauthenticated: boolean | undefined,
): AccountByToken | undefined {
  const accounts = resolveAccounts(token)
  if (accounts === undefined) {
    if (allowUnauthenticated === true) return undefined
    throw new TypeError(
      `${prefix} No token given. Pass { token: process.env.BLINGER_TOKEN } (a long random secret you put in the URL you register with Blinger), or { allowUnauthenticated: true } for local development.`,
    )
  }
  return accounts
}

/**
 * The accounts a new receiver starts with. Unlike `setTokens`, a missing token (unset, or `''` as an unset
 * variable may read) does not throw: route modules are evaluated where the runtime secret is not set (`next
 * build`), so it is refused request by request instead (`noAccounts`: 500 `token_missing`).
 */
function accountsAtCreation(
  token: TokenOption,
  allowUnauthenticated: boolean | undefined,
): AccountByToken | undefined {
  const missing = token === undefined || token === ''
  if (missing && allowUnauthenticated !== true) return noAccounts
  const accounts = missing ? undefined : resolveAccounts(token)
  if (accounts === undefined) return allowUnauthenticated === true ? undefined : noAccounts
  warnIfShort(accounts)
  return accounts
}

function warnIfShort(accounts: AccountByToken): void {
  const short = new Set<string | undefined>()
  for (const [token, account] of accounts) if (token.length < shortestToken) short.add(account)
  if (short.size === 0) return
  const named = [...short].filter((account) => account !== undefined)
  const whose = named.length === 0 ? 'A token' : `The token of ${named.map((a) => `"${a}"`).join(', ')}`
  console.warn(
    `${prefix} ${whose} is shorter than ${shortestToken} characters, so it can be guessed. Make one with \`openssl rand -hex 32\` and register the new URL with Blinger.`,
  )
}

function resolveDedupe(options: DedupeOptions, handlerTimeout: number): ResolvedOptions['dedupe'] {
  // `max` sizes the in-memory store only: beside a store of one's own it would be dropped without a word.
  if (options.store !== undefined && options.max !== undefined)
    throw new TypeError(
      `${prefix} dedupe.max sizes the default in-memory store only, so it cannot apply beside dedupe.store: size the store you pass instead, or leave out store.`,
    )
  const store =
    options.store ??
    createMemoryStore(options.max === undefined ? {} : { max: positive('dedupe.max', options.max) })
  const ttl = positive('dedupe.ttl', options.ttl ?? 10 * 60 * 1000)
  return {
    store,
    ttl,
    timeout: positive('dedupe.timeout', options.timeout ?? 5000),
    lease: claimLease(store, ttl, handlerTimeout),
  }
}

function deadLetterOption(value: unknown): DeadLetterOptions | undefined {
  if (value === undefined || value === false) return value
  const wholeNumber = (name: string, given: unknown): number => {
    if (typeof given === 'number' && Number.isSafeInteger(given) && given > 0) return given
    throw new TypeError(
      `${prefix} ${name} must be a whole number above 0, not ${typeof given === 'number' ? given : typeof given}.`,
    )
  }
  const given = value as { path?: unknown; stream?: { write?: unknown } }
  if (typeof value === 'object' && value !== null) {
    if (typeof given.path === 'string' && given.path !== '' && given.stream === undefined) {
      const { mode, maxBytes } = value as { mode?: unknown; maxBytes?: unknown }
      return {
        path: given.path,
        ...(mode === undefined ? {} : { mode: wholeNumber('deadLetters.mode', mode) }),
        ...(maxBytes === undefined ? {} : { maxBytes: wholeNumber('deadLetters.maxBytes', maxBytes) }),
      }
    }
    if (given.path === undefined && typeof given.stream?.write === 'function') {
      // `mode` and `maxBytes` are about a file this package creates and rolls: a stream's owner decides both.
      const fileOnly = ['mode', 'maxBytes'].filter(
        (key) => (value as Record<string, unknown>)[key] !== undefined,
      )
      if (fileOnly.length > 0)
        throw new TypeError(
          `${prefix} deadLetters.${fileOnly.join(' and deadLetters.')} apply to a { path } only, not to a { stream }.`,
        )
      return value as DeadLetterOptions
    }
  }
  throw new TypeError(
    `${prefix} deadLetters must be { path: 'dead-letters.ndjson' }, { stream } (anything with write()) or false.`,
  )
}

// Option errors name what was given by its type, never by its text: a secret pasted into the wrong option
// would otherwise end up in the logs that print the error.
function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new RangeError(`${prefix} ${name} must be a positive number, got ${describeGiven(value)}.`)
  return value
}

function longer(name: string, value: number, than: number): number {
  if (positive(name, value) <= than)
    throw new RangeError(`${prefix} ${name} must be longer than handlerTimeout (${than} ms), got ${value}.`)
  return value
}

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw new TypeError(
      `${prefix} ${name} must be one of ${allowed.join(', ')}, got ${describeGiven(value)}.`,
    )
  return value
}
