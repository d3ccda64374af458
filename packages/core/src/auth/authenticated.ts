/** Who a request authenticated as. One object per account, made once: a request allocates none. */
export interface Authenticated {
  /** The account's name from the `token` map; `undefined` for a string or array `token`. */
  readonly account: string | undefined
}
