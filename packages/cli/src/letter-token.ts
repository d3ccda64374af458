import { accountTokenVariable, findAccountToken, readTokensFile, type TokensMap } from './account-token.js'

/** The token to send a letter with, or why it cannot be sent. */
export type LetterToken = { readonly token: string | undefined } | { readonly problem: string }

/** The names a receiver's token map accepts: anything else in a file was not written by a receiver. */
const accountName = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Chooses each letter's token for `replay`. A letter that carries an account (a token map's key, written by the
 * receiver) is sent with that account's token, from `--tokens-file` or `BLINGER_TOKEN_<ACCOUNT>`, and with no
 * other: sending it with `--token` or `--account`'s token would hand one client's conversation to another.
 * `fallback` (`--token`, or `--account`'s token) is for letters that carry no account. A tokens file that
 * cannot be read throws a `CliError` here, before anything is sent.
 */
export function createLetterToken(
  fallback: string | undefined,
  tokensFile: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): (account: string | undefined) => LetterToken {
  const map: TokensMap | undefined = tokensFile === undefined ? undefined : readTokensFile(tokensFile)
  const found = new Map<string, LetterToken>()
  return (account) => {
    if (account === undefined) return { token: fallback }
    let choice = found.get(account)
    if (choice === undefined) {
      choice = chooseToken(account, map, tokensFile, env)
      found.set(account, choice)
    }
    return choice
  }
}

function chooseToken(
  account: string,
  map: TokensMap | undefined,
  tokensFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LetterToken {
  // Checked before it is printed or looked up: the file may come from anywhere.
  if (!accountName.test(account)) return { problem: 'its account is not a valid account name' }
  const token = findAccountToken(account, map, env)
  if (token !== undefined) return { token }
  const where =
    tokensFile === undefined
      ? `set ${accountTokenVariable(account)} or give --tokens-file`
      : `${tokensFile} has none`
  return {
    problem: `no token for its account ${account} (${where}); --token and --account only serve letters without an account`,
  }
}
