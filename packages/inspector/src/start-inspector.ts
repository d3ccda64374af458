import { open } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eventNames } from '@blinger-webhooks/core'
import { messageFrom } from '@blinger-webhooks/core/internal'
import { recordDeliveries } from '@blinger-webhooks/recorder'
import { type Access, createAccessCheck } from './check-access.js'
import { createApiHandler } from './create-api-handler.js'
import { createDeliveryLog } from './create-delivery-log.js'
import { createDeliveryReceiver } from './create-delivery-receiver.js'
import { createEventStream } from './create-event-stream.js'
import type { Delivery, InspectorInfo } from './delivery-types.js'
import { type InspectorOptions, resolveInspectorOptions } from './inspector-options.js'
import { isBrowserRequest } from './is-browser-request.js'
import { loadUi } from './load-ui.js'
import { sendToTarget } from './send-to-target.js'
import { showAlarms } from './show-alarms.js'
import { summarizeDelivery } from './summarize-delivery.js'
import { writeError } from './write-json.js'

/** The path the inspector advertises for webhooks. Any other POST outside `/api/` is received too. */
export const webhookPath = '/webhooks/blinger'

/** A running inspector. */
export interface Inspector {
  /** The page's address; it carries `?token=` when the page requires the token. */
  readonly url: string
  /** Where to send webhooks (Blinger, `blinger-webhooks send`, curl); it carries `?token=` when a token is set. */
  readonly webhookUrl: string
  /** The port it listens on (useful with `port: 0`). */
  readonly port: number
  /** The kept deliveries, newest first, as `GET /api/deliveries` returns them. */
  deliveries(): Delivery[]
  /** Stops listening, ends open pages' event streams, cancels pending sends and closes the record file. */
  close(): Promise<void>
}

const prefixed = messageFrom('inspector')
const pageHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The page's URL may hold the token: never send it on as a referrer.
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}

/**
 * Starts the delivery inspector: a local receiver on the core pipeline (lenient validation, so nothing is
 * dropped) that keeps the latest deliveries, shows them live on a page at `/`, relays them to `forward`, and
 * replays them or sends samples to your app.
 * @example
 * const inspector = await startInspector({ port: 4000, forward: 'http://127.0.0.1:3000/webhooks/blinger' })
 * console.log(`Open ${inspector.url}; send webhooks to ${inspector.webhookUrl}`)
 * process.once('SIGINT', () => inspector.close())
 */
export async function startInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const resolved = resolveInspectorOptions(options)
  const ui = await loadUi(resolved.uiDir)
  const log = createDeliveryLog(resolved.max)
  const stream = createEventStream()
  const closing = new AbortController()
  const pending = new Set<Promise<unknown>>()
  const track = (task: Promise<unknown>) => {
    pending.add(task)
    task.finally(() => pending.delete(task)).catch(() => {})
  }
  if (resolved.record !== undefined) await checkWritable(resolved.record)

  const send = (target: URL, body: string) =>
    sendToTarget(target, body, { timeout: resolved.sendTimeout, signal: closing.signal })
  const { receive, refuse: refuseUnread, events } = createDeliveryReceiver(resolved)
  // The recorder's lines are what `blinger-webhooks replay` reads: every delivery the core accepted and
  // dispatched (invalid ones too, since the inspector is lenient), duplicates excepted.
  const recorder =
    resolved.record === undefined
      ? undefined
      : recordDeliveries(events, {
          path: resolved.record,
          onError: (error) => process.emitWarning(error.message),
        })
  showAlarms(events, stream)
  const checkAccess = createAccessCheck({
    token: resolved.loopback ? undefined : resolved.token,
    loopbackOnly: resolved.loopback,
  })
  let webhookUrl = ''
  const info = (): InspectorInfo => ({
    webhookUrl,
    forward: resolved.forward?.href ?? null,
    max: resolved.max,
    samples: eventNames,
  })
  const handleApi = createApiHandler({ log, stream, info, forward: resolved.forward, send })

  const accepted = (delivery: Delivery) => {
    stream.broadcast('delivery', summarizeDelivery(delivery))
    if (delivery.status >= 300) return
    const { forward } = resolved
    if (forward === undefined) return
    track(
      send(forward, delivery.body).then((result) => {
        const updated = log.update(delivery.seq, { forward: result })
        if (updated !== undefined) stream.broadcast('update', summarizeDelivery(updated))
      }),
    )
  }

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://inspector.invalid')
    const path = url.pathname
    const method = request.method ?? ''
    const reading = method === 'GET' || method === 'HEAD'

    if (path === '/api' || path.startsWith('/api/')) {
      const access = checkAccess(request, url)
      if (access !== 'ok') return refuse(response, access)
      return handleApi(request, response, url)
    }
    if (reading && path === '/') {
      const access = checkAccess(request, url)
      if (access !== 'ok') return refuse(response, access)
      const page = ui?.get('/')
      if (page === undefined) return notBuilt(response)
      response.writeHead(200, { ...pageHeaders, 'content-type': page.type }).end(page.body)
      return
    }
    if (reading && path.startsWith('/assets/')) {
      // The bundle is the package's public code and holds no data: it needs no token.
      const file = ui?.get(path)
      if (file === undefined) return writeError(response, 404, 'not_found', 'No such file.')
      response.writeHead(200, { ...pageHeaders, 'content-type': file.type }).end(file.body)
      return
    }
    if (reading && path !== webhookPath)
      return writeError(
        response,
        404,
        'not_found',
        `Nothing here. The page is at /, webhooks go to ${webhookPath}.`,
      )
    if (isBrowserRequest(request.headers))
      return accepted(log.add(refuseUnread(request, response, browserRefusal)))
    accepted(log.add(await receive(request, response)))
  }

  const server = createServer((request, response) => {
    route(request, response).catch(() => {
      if (!response.headersSent)
        writeError(response, 500, 'internal_error', 'The inspector failed on this request.')
      else response.destroy()
    })
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (cause) {
    stream.close()
    await recorder?.close()
    const code = (cause as { code?: unknown }).code
    const why =
      code === 'EADDRINUSE'
        ? `port ${resolved.port} is in use; pass another --port (0 picks a free one)`
        : `cannot listen on ${resolved.host}:${resolved.port}`
    throw new Error(prefixed(`The inspector did not start: ${why}.`), { cause })
  }

  const { port } = server.address() as AddressInfo
  const base = `http://${displayHost(resolved.host)}:${port}`
  const tokenQuery = resolved.token === undefined ? '' : `?token=${encodeURIComponent(resolved.token)}`
  webhookUrl = `${base}${webhookPath}${tokenQuery}`

  let closed: Promise<void> | undefined
  return {
    url: `${base}/${resolved.loopback ? '' : tokenQuery}`,
    webhookUrl,
    port,
    deliveries: () => log.list(),
    close() {
      closed ??= (async () => {
        closing.abort()
        stream.close()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await stopped
        await Promise.allSettled([...pending])
        await recorder?.close()
      })()
      return closed
    },
  }
}

/** Fails before listening when `--record` names a file that cannot be appended to. */
async function checkWritable(path: string): Promise<void> {
  try {
    await (await open(path, 'a')).close()
  } catch (cause) {
    throw new Error(prefixed(`Cannot record to ${path}: ${(cause as Error).message}`), { cause })
  }
}

function refuse(response: ServerResponse, access: Exclude<Access, 'ok'>): void {
  const [status, message] = refusals[access]
  writeError(response, status, access, message)
}

const refusals = {
  unauthorized: [401, "Add ?token= (or Authorization: Bearer) with the inspector's token."],
  forbidden_host: [403, 'Open the inspector by a loopback address, e.g. http://127.0.0.1.'],
  forbidden_origin: [403, "Only the inspector's own page may call this."],
} as const satisfies Record<Exclude<Access, 'ok'>, readonly [number, string]>

const browserRefusal = {
  status: 403,
  error: 'browser_request',
  message:
    'Webhooks come from servers; the inspector refuses posts made by a web page (Origin, Sec-Fetch-*).',
} as const

function notBuilt(response: ServerResponse): void {
  response
    .writeHead(503, { ...pageHeaders, 'content-type': 'text/plain; charset=utf-8' })
    .end(
      'The inspector page is not built. Run `pnpm --filter @blinger-webhooks/inspector build`.\n' +
        'Webhooks are still received, and /api/deliveries lists them.\n',
    )
}

/** A host to put in a URL: wildcard binds are reached through loopback, IPv6 goes in brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
