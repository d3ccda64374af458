import { didYouMean } from './closest-name.js'
import { describeGiven } from './describe-given.js'
import { messageFrom } from './message-from.js'

const prefixed = messageFrom('core')

/**
 * Refuses options that are not an object, and keys that are not options, with the fix: JavaScript callers
 * have no compiler to say that `blingerWebhooks()` needs `{ token }` or that `handlertimeout` is ignored.
 * Errors name keys, never values: a value may be a secret.
 * @param where what the keys belong to, as the error names it: `options`, `dedupe`…
 */
export function checkOptionKeys(
  options: unknown,
  known: Readonly<Record<string, true>>,
  where = 'options',
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      prefixed(
        where === 'options'
          ? `Options must be an object, got ${options === undefined ? 'nothing' : describeGiven(options)}. Pass { token: process.env.BLINGER_TOKEN } (the secret in the URL you register with Blinger), or { allowUnauthenticated: true } for local development.`
          : `${where} must be an object, got ${describeGiven(options)}.`,
      ),
    )
  }
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue
    const names = Object.keys(known)
    throw new TypeError(
      prefixed(
        `Unknown option \`${where === 'options' ? key : `${where}.${key}`}\`.${didYouMean(key, names)} Known ${where === 'options' ? 'options' : `${where} options`}: ${names.join(', ')}.`,
      ),
    )
  }
}
