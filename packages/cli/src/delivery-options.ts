import { deadLetterReasons } from '@blinger-webhooks/core/internal'
import { type Command, InvalidArgumentError, Option } from 'commander'
import { accountToken } from './account-token.js'
import { CliError } from './cli-error.js'

/** The options `send` and `replay` share. */
export interface DeliveryOptions {
  url: URL
  token?: string
  /** Send the token of this account of the receiver's `token` map, found in `tokensFile` or the environment. */
  account?: string
  tokensFile?: string
  tokenIn: 'query' | 'header'
  timeout: number
}

/**
 * Parses `--url`: an absolute http(s) URL. Its errors never quote the value, which may carry `?token=`:
 * a CliError passes through commander, whose own errors (InvalidArgumentError) would quote it whole.
 */
export function parseUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (url === undefined)
    throw new CliError(
      '--url is not a URL; give an absolute one such as http://127.0.0.1:3000/webhooks/blinger (see --help)',
    )
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError('--url must be an http:// or https:// URL (see --help)')
  return url
}

/**
 * Refuses a token that no HTTP header can carry (a line break, NUL) before anything is sent: `fetch` would
 * otherwise reject it with an error that quotes the token.
 */
export function checkToken(options: Pick<DeliveryOptions, 'token' | 'tokenIn'>): void {
  if (options.tokenIn === 'header' && options.token !== undefined && /[\r\n\0]/.test(options.token))
    throw new CliError('--token holds a line break or a NUL, which no header can carry (see --help)')
}

/** An error's message with `token` replaced by `[redacted]`, raw and URL-encoded. */
export function withoutToken(message: string, token: string | undefined): string {
  if (token === undefined || token === '') return message
  return message.replaceAll(token, '[redacted]').replaceAll(encodeURIComponent(token), '[redacted]')
}

/** A parser for a whole number in `[min, max]`. */
export function parseInteger(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Give a whole number from ${min} to ${max}.`)
    }
    return number
  }
}

/** Parses each `--reason` (a dead letter's reason) into the list of those given. */
export function collectReason(value: string, previous: string[] | undefined): string[] {
  if (!(deadLetterReasons as readonly string[]).includes(value))
    throw new InvalidArgumentError(`Give one of ${deadLetterReasons.join(', ')}.`)
  return [...(previous ?? []), value]
}

/**
 * Adds `--url`, `--token`, `--account`, `--tokens-file`, `--token-in` and `--timeout` to a command, and
 * settles and checks the token before it runs: `--account` replaces `--token` with that account's.
 */
export function addDeliveryOptions(command: Command): Command {
  return command
    .hook('preAction', (action) => {
      const options = action.opts<DeliveryOptions>()
      if (options.account !== undefined)
        action.setOptionValue('token', accountToken(options.account, options.tokensFile))
      checkToken(action.opts<DeliveryOptions>())
    })
    .addOption(
      new Option('-u, --url <url>', 'the receiver URL, e.g. http://127.0.0.1:3000/webhooks/blinger')
        .env('BLINGER_WEBHOOK_URL')
        .argParser(parseUrl)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('-t, --token <token>', 'the receiver token (sent as ?token= by default)').env(
        'BLINGER_TOKEN',
      ),
    )
    .addOption(
      new Option(
        '--account <name>',
        'send the token of this account of a token map: from --tokens-file, else from $BLINGER_TOKEN_<NAME> (upper case, - as _); replaces --token (replay: only for letters that carry no account of their own)',
      ),
    )
    .addOption(
      new Option(
        '--tokens-file <file.json>',
        "a JSON map of account → token or tokens (the receiver's token option; an array sends its first); replay finds each letter's own account here",
      ).env('BLINGER_TOKENS_FILE'),
    )
    .addOption(
      new Option('--token-in <where>', 'where the token goes').choices(['query', 'header']).default('query'),
    )
    .addOption(
      new Option('--timeout <ms>', 'milliseconds to wait for each answer')
        .argParser(parseInteger(1, 3_600_000))
        .default(10_000),
    )
}
