import { WebhookError } from '../errors/webhook-error.js'
import type { HandleResponse } from '../pipeline/handle-types.js'
import { responses } from '../pipeline/respond.js'
import type { Authenticated } from './authenticated.js'
import type { AccountByToken } from './resolve-accounts.js'

/**
 * The accounts of a receiver created without a token (and without `allowUnauthenticated`): none. Creating it
 * does not throw, because frameworks evaluate route modules where the runtime secret is not set (`next build`);
 * each request is refused with a 500 instead, until `setTokens` gives one.
 */
export const noAccounts: AccountByToken = new Map()

/** What the account check answers when there is no token to check against: neither an account nor a 401. */
export const tokenMissing: Authenticated = Object.freeze({ account: undefined })

/**
 * The answer to every request while the token is missing: 500 with `token_missing`, and one error reported
 * per request on `error` (or `console.error`), so the misconfiguration is seen where handler failures are.
 * Nothing is accepted: a sender with any token, or none, gets the same refusal.
 */
export function refuseWithoutToken(report: (error: WebhookError) => void): HandleResponse {
  report(
    new WebhookError(
      'token_missing',
      'No token was given, so every request is refused with 500. Set the token at run time (e.g. BLINGER_TOKEN) and pass { token: process.env.BLINGER_TOKEN }, or { allowUnauthenticated: true } for local development.',
    ),
  )
  return responses.tokenMissing
}
