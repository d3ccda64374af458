import type { KoaLikeContext } from './index.js'

/**
 * The app's body parser that read this request before the webhook did, by what it left: `@koa/bodyparser`
 * (and `koa-bodyparser`) keep `ctx.request.rawBody`; any parser consumes the stream and sets
 * `ctx.request.body`. `undefined` when the stream is still unread: `@koa/bodyparser` sets `body = {}` for a
 * content type it skipped, so a body alone proves nothing.
 */
export function parserThatRanFirst(ctx: KoaLikeContext): string | undefined {
  const { request, req } = ctx
  if (request.body === undefined && request.rawBody === undefined) return undefined
  if (!req.readableDidRead && !req.readableEnded) return undefined
  return request.rawBody === undefined
    ? 'A body parser that set ctx.request.body (koa-body?)'
    : '@koa/bodyparser (or koa-bodyparser)'
}

/**
 * The one warning for an app whose parser reads the webhook's body first: the parser's own limit (`jsonLimit`,
 * 1 MB by default) answers the longest conversations with its 413, which never reaches the receiver or its logs.
 */
export function parsedFirstWarning(parser: string): string {
  return `[@blinger-webhooks/koa] ${parser} read the webhook's body before the receiver. Its size limit (jsonLimit, 1 MB by default; 100 kB in express.json()) answers long conversations with its own 413 before the receiver sees them; Blinger does not retry, so those deliveries are lost. Fix: mount the webhook before the parser (app.use(blingerWebhooks({ token, path: '/webhooks/blinger' })) above app.use(bodyParser())), or raise the parser's limit: bodyParser({ jsonLimit: '5mb' }). Shown once.`
}
