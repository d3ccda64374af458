import type { ExpressRequest } from './index.js'

/**
 * The app's body parser that read this request before the webhook did, by what it left: any parser consumes the
 * stream and sets `req.body` (a Buffer from `express.raw()`, a string from `.text()`), and Express 4's
 * body-parser also sets `req._body`.
 * `undefined` when the stream is still unread: Express 4's body-parser sets `req.body = {}` even for a content
 * type it skipped, so a body alone proves nothing.
 */
export function parserThatRanFirst(req: ExpressRequest & { _body?: unknown }): string | undefined {
  const { body } = req
  if (body === undefined) return undefined
  const byBodyParser = req._body === true
  if (!byBodyParser && !req.readableDidRead && !req.readableEnded) return undefined
  if (Buffer.isBuffer(body)) return 'express.raw()'
  if (typeof body === 'string') return 'express.text()'
  // body-parser 2 (Express 5) no longer sets `req._body`: an object on a read stream is most likely its json().
  return byBodyParser ? 'express.json()' : 'express.json() (or another parser that set req.body)'
}

/**
 * The one warning for an app whose parser reads the webhook's body first: the parser's own limit (100 kB by
 * default) answers long conversations with its 413, which never reaches the receiver or its logs.
 */
export function parsedFirstWarning(parser: string): string {
  return `[@blinger-webhooks/express] ${parser} read the webhook's body before the receiver. Its size limit (100 kB by default in express.json()) answers long conversations (a closed one of 400 messages is about 420 kB) with its own 413 before the receiver sees them; Blinger does not retry, so those deliveries are lost. Fix: mount the webhook before the parser (app.post('/webhooks/blinger', hooks) above app.use(express.json())), or raise the parser's limit: express.json({ limit: '5mb' }). Shown once.`
}
