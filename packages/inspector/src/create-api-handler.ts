import type { IncomingMessage, ServerResponse } from 'node:http'
import { eventNames, isEventName } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import type { DeliveryLog } from './create-delivery-log.js'
import type { EventStream } from './create-event-stream.js'
import type { InspectorInfo, SendResult } from './delivery-types.js'
import { fitSnapshot } from './fit-snapshot.js'
import { parseTarget } from './inspector-options.js'
import { readJsonBody } from './read-json-body.js'
import { summarizeDelivery } from './summarize-delivery.js'
import { writeError, writeJson } from './write-json.js'

/** What the API reads and acts on. */
export interface ApiContext {
  readonly log: DeliveryLog
  readonly stream: EventStream
  readonly info: () => InspectorInfo
  /** The `--forward` URL: the target when a request names none. */
  readonly forward: URL | undefined
  readonly send: (target: URL, body: string) => Promise<SendResult>
}

const maxApiBody = 64 * 1024
/** Half the event stream's per-connection cap, leaving room for the messages that follow it. */
const maxSnapshotBytes = 2 * 1024 * 1024
const deliveryPath = /^\/api\/deliveries\/(\d{1,15})$/
const replayPath = /^\/api\/deliveries\/(\d{1,15})\/replay$/
const samplePath = /^\/api\/samples\/([a-z.]{1,40})\/send$/

/**
 * Builds the JSON API under `/api` (access is checked by the caller):
 * `GET /api/info`, `GET /api/deliveries[?event=&limit=]`, `GET /api/deliveries/:seq`, `GET /api/events` (SSE),
 * `POST /api/deliveries/:seq/replay` and `POST /api/samples/:name/send`, both with `{ "target": "http://…" }`.
 */
export function createApiHandler(context: ApiContext) {
  const { log, stream } = context

  return async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const path = url.pathname
    const method = request.method ?? ''
    const get = method === 'GET' || method === 'HEAD'

    if (path === '/api/info') {
      if (!get) return methodNotAllowed(response, 'GET')
      return writeJson(response, 200, context.info())
    }
    if (path === '/api/events') {
      if (!get) return methodNotAllowed(response, 'GET')
      return stream.add(response, {
        event: 'snapshot',
        data: { deliveries: fitSnapshot(log.list().map(summarizeDelivery), maxSnapshotBytes) },
      })
    }
    if (path === '/api/deliveries') {
      if (!get) return methodNotAllowed(response, 'GET')
      const event = url.searchParams.get('event')
      const limit = Number(url.searchParams.get('limit') ?? log.max)
      if (!Number.isInteger(limit) || limit < 0)
        return writeError(response, 400, 'invalid_limit', 'limit must be a non-negative integer.')
      const deliveries = log.list().filter((delivery) => event === null || delivery.name === event)
      return writeJson(response, 200, { deliveries: deliveries.slice(0, limit) })
    }
    const one = deliveryPath.exec(path)
    if (one !== null) {
      if (!get) return methodNotAllowed(response, 'GET')
      const delivery = log.get(Number(one[1]))
      if (delivery === undefined) return notKept(response)
      return writeJson(response, 200, delivery)
    }
    const replay = replayPath.exec(path)
    if (replay !== null) {
      if (method !== 'POST') return methodNotAllowed(response, 'POST')
      const delivery = log.get(Number(replay[1]))
      if (delivery === undefined) return notKept(response)
      return sendTo(request, response, delivery.body)
    }
    const sample = samplePath.exec(path)
    if (sample !== null) {
      if (method !== 'POST') return methodNotAllowed(response, 'POST')
      const name = sample[1] ?? ''
      if (!isEventName(name))
        return writeError(
          response,
          404,
          'unknown_sample',
          `There is no sample named ${name}. Use one of ${eventNames.join(', ')}.`,
        )
      return sendTo(request, response, JSON.stringify(FixtureByEventName[name]))
    }
    return writeError(response, 404, 'not_found', 'No such API route.')
  }

  async function sendTo(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    if (!isJson(request.headers['content-type']))
      return writeError(response, 415, 'unsupported_media_type', 'Send the body as application/json.')
    const read = await readJsonBody(request, maxApiBody)
    if (!read.ok) return writeError(response, read.status, read.error, read.message)
    const given = (read.value as { target?: unknown } | null)?.target
    if (given !== undefined && given !== null && given !== '' && typeof given !== 'string')
      return writeError(response, 400, 'invalid_target', 'target must be a URL string.')
    let target = context.forward
    if (typeof given === 'string' && given !== '') {
      try {
        target = parseTarget(given, 'target')
      } catch {
        return writeError(response, 400, 'invalid_target', 'target must be an http:// or https:// URL.')
      }
    }
    if (target === undefined)
      return writeError(
        response,
        400,
        'no_target',
        'Give a target URL, or start the inspector with --forward.',
      )
    return writeJson(response, 200, await context.send(target, body))
  }
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  writeError(response, 405, 'method_not_allowed', `Use ${allow}.`, { allow })
}

function notKept(response: ServerResponse): void {
  writeError(
    response,
    404,
    'not_found',
    'No such delivery: it was never received, or it is older than the kept ones.',
  )
}

function isJson(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
}
