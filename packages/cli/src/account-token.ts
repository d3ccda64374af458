import { readFileSync } from 'node:fs'
import { CliError } from './cli-error.js'

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
  if (tokensFile === undefined) {
    const name = `BLINGER_TOKEN_${account.toUpperCase().replaceAll('-', '_')}`
    const token = env[name]
    if (token === undefined || token === '')
      throw new CliError(`--account ${account}: set ${name}, or give --tokens-file (see --help)`)
    return token
  }
  let map: unknown
  try {
    map = JSON.parse(readFileSync(tokensFile, 'utf8'))
  } catch {
    throw new CliError(`--tokens-file ${tokensFile} is not a readable JSON file (see --help)`)
  }
  const entry =
    typeof map === 'object' && map !== null ? (map as Record<string, unknown>)[account] : undefined
  const token = Array.isArray(entry) ? entry[0] : entry
  if (typeof token !== 'string' || token === '' || !Object.hasOwn(map as object, account))
    throw new CliError(`--account ${account} has no token in ${tokensFile} (see --help)`)
  return token
}
