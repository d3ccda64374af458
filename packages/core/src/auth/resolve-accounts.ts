import type { TokenOption } from './token-option.js'

/** Each accepted token with the account it belongs to (`undefined` for the single-account forms). */
export type AccountByToken = ReadonlyMap<string, string | undefined>

const prefix = '[@blinger-webhooks/core]'
// Account names end up in delivery ids, Redis keys and BullMQ job ids (which refuse `:`) and in logs.
const accountName = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Checks the `token` option and flattens it into token → account. Errors name the account, never a token.
 * `undefined` when there is no token at all (`allowUnauthenticated` decides whether that is allowed).
 */
export function resolveAccounts(token: TokenOption): AccountByToken | undefined {
  if (token === undefined) return undefined
  const accounts = new Map<string, string | undefined>()
  const add = (tokens: unknown, account: string | undefined) => {
    const list: readonly unknown[] = Array.isArray(tokens) ? tokens : [tokens]
    for (const value of list) {
      if (typeof value !== 'string' || value.length === 0)
        throw new TypeError(
          account === undefined
            ? `${prefix} Every token must be a non-empty string.`
            : `${prefix} Every token of account "${account}" must be a non-empty string (is its environment variable set?).`,
        )
      if (accounts.has(value) && accounts.get(value) !== account)
        throw new TypeError(`${prefix} Two accounts share a token: each account needs its own.`)
      accounts.set(value, account)
    }
  }
  if (typeof token === 'string' || Array.isArray(token)) add(token, undefined)
  else if (typeof token === 'object' && token !== null) {
    for (const [account, tokens] of Object.entries(token)) {
      if (!accountName.test(account))
        throw new TypeError(
          `${prefix} Account names must be 1 to 64 letters, digits, "_" or "-" (they appear in delivery ids).`,
        )
      if (Array.isArray(tokens) && tokens.length === 0)
        throw new TypeError(`${prefix} Account "${account}" has no token.`)
      add(tokens, account)
    }
  } else throw new TypeError(`${prefix} token must be a string, an array of strings or a map of accounts.`)
  return accounts.size === 0 ? undefined : accounts
}
