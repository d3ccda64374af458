import { readFileSync } from 'node:fs'
import { CliError } from './cli-error.js'

/** A tokens file as parsed: account → token, or tokens (the receiver's `token` option). */
export type TokensMap = Readonly<Record<string, unknown>>

/**
 * The token to send as `account` (`--account`): from the JSON map of `tokensFile` (the receiver's `token`
 * option, `{ "acme": "…", "globex": ["new", "old"] }`; the first token of an array), else from the environment
 * variable `BLINGER_TOKEN_<ACCOUNT>` (upper case, `-` as `_`). Errors name the account and the file, never a token.
 */
export function accountToken(
  account: string,
  tokensFile: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const map = tokensFile === undefined ? undefined : readTokensFile(tokensFile)
  const token = findAccountToken(account, map, env)
  if (token !== undefined) return token
  throw new CliError(
    tokensFile === undefined
      ? `--account ${account}: set ${accountTokenVariable(account)}, or give --tokens-file (see --help)`
      : `--account ${account} has no token in ${tokensFile} (see --help)`,
  )
}

/** Reads `--tokens-file`; a file that is not readable JSON is a `CliError` that quotes none of it. */
export function readTokensFile(tokensFile: string): TokensMap {
  let map: unknown
  try {
    map = JSON.parse(readFileSync(tokensFile, 'utf8'))
  } catch {
    throw new CliError(`--tokens-file ${tokensFile} is not a readable JSON file (see --help)`)
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw new CliError(`--tokens-file ${tokensFile} is not a JSON map of account → token (see --help)`)
  return map as TokensMap
}

/**
 * The token of `account` in `map` when a tokens file was given (the first of an array), else in the
 * environment; `undefined` when there is none.
 */
export function findAccountToken(
  account: string,
  map: TokensMap | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (map === undefined) {
    const token = env[accountTokenVariable(account)]
    return token === undefined || token === '' ? undefined : token
  }
  if (!Object.hasOwn(map, account)) return undefined
  const entry = map[account]
  const token: unknown = Array.isArray(entry) ? entry[0] : entry
  return typeof token === 'string' && token !== '' ? token : undefined
}

/** `BLINGER_TOKEN_<ACCOUNT>`: the account upper case, `-` as `_`. */
export function accountTokenVariable(account: string): string {
  return `BLINGER_TOKEN_${account.toUpperCase().replaceAll('-', '_')}`
}
