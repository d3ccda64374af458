/** The tokens of one account: one, or several while rotating. */
export type AccountTokens = string | readonly string[]

/**
 * Many Blinger accounts on one receiver: each account's name (it becomes `event.account`) and its token or
 * tokens. `undefined` is allowed so `process.env.ACME_TOKEN` type-checks; the receiver refuses it at creation.
 */
export type TokenMap = { readonly [account: string]: AccountTokens | undefined }

/** The `token` option: one unnamed account (a string or an array), or a map of named accounts. */
export type TokenOption = AccountTokens | TokenMap | undefined

/**
 * The type of `event.account` for a `token` option: the map's keys, or `undefined` for a string or an array.
 * The default (`TokenOption`, when nothing is inferred) is `string | undefined`.
 */
export type AccountOf<T extends TokenOption> = T extends AccountTokens | undefined
  ? undefined
  : Extract<keyof T, string>

/**
 * What `setTokens` takes for a receiver whose accounts are `A`: a map of some of them (an account left out is
 * removed), or a string or array for one unnamed account. For accounts known only at run time, type the
 * receiver wide: `createReceiver<TokenMap>({ token: await loadTokens() })`.
 */
export type TokensFor<A extends string | undefined> = [A] extends [string]
  ? { readonly [K in A]?: AccountTokens }
  : [A] extends [undefined]
    ? AccountTokens
    : AccountTokens | TokenMap
