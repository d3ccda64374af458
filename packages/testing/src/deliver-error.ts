import { messageFrom } from '@blinger-webhooks/core/internal'

const prefixed = messageFrom('testing')

/** `deliver()` to a URL got no answer. Its fields let a tool print its own line without parsing `message`. */
export class DeliverError extends Error {
  override readonly name = 'DeliverError'

  constructor(
    /** Where the POST went, without its query (a token there never reaches a message). */
    readonly url: string,
    /** Why no answer came, in one line: `connect ECONNREFUSED 127.0.0.1:3000`, `no answer within 10000 ms`. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(prefixed(`POST ${url} failed: ${reason}`), options)
  }
}
