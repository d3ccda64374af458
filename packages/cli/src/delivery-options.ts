import { type Command, InvalidArgumentError, Option } from 'commander'

/** The options `send` and `replay` share. */
export interface DeliveryOptions {
  url: URL
  token?: string
  tokenIn: 'query' | 'header'
  timeout: number
}

/** Parses `--url`: an absolute http(s) URL. */
export function parseUrl(value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError(
      'Not a URL; give an absolute one such as http://127.0.0.1:3000/webhooks/blinger.',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('Only http and https URLs are supported.')
  return url
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

const reasons = ['invalid', 'unhandled', 'failed', 'unavailable']

/** Parses each `--reason` (a dead letter's reason) into the list of those given. */
export function collectReason(value: string, previous: string[] | undefined): string[] {
  if (!reasons.includes(value)) throw new InvalidArgumentError(`Give one of ${reasons.join(', ')}.`)
  return [...(previous ?? []), value]
}

/** Adds `--url`, `--token`, `--token-in` and `--timeout` to a command. */
export function addDeliveryOptions(command: Command): Command {
  return command
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
      new Option('--token-in <where>', 'where the token goes').choices(['query', 'header']).default('query'),
    )
    .addOption(
      new Option('--timeout <ms>', 'milliseconds to wait for each answer')
        .argParser(parseInteger(1, 3_600_000))
        .default(10_000),
    )
}
