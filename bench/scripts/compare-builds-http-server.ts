/**
 * The server of `compare-builds-http.ts`: the two builds' receivers in one node:http process, each behind the
 * node adapter's code (its responder, the answer written from its callback), as routes (`route-server.ts`).
 */
import type { RequestListener, ServerResponse } from 'node:http'
import { pathToFileURL } from 'node:url'
import type { HandleRequest, HandleResponse, Responder } from '@blinger-webhooks/core/adapter'
import { token } from '../src/payloads.js'
import { routeServer } from '../src/route-server.js'
import { serve } from '../src/serve-child.js'

const mode = process.env.COMPARE_MODE ?? 'defaults'

async function responderFrom(index: string): Promise<Responder> {
  const { createReceiver } = await import(pathToFileURL(index).href)
  const { responderOf } = await import(pathToFileURL(index.replace(/index\.js$/, 'adapter.js')).href)
  const receiver = createReceiver(
    mode === 'off'
      ? { allowUnauthenticated: true, validation: 'off', dedupe: false, deadLetters: false }
      : { token },
  )
  if (mode === 'defaults') receiver.on('message.incoming', async () => {})
  if (mode === 'sync') receiver.on('message.incoming', () => {})
  return responderOf(receiver)
}

const responders: Record<string, Responder> = {
  before: await responderFrom(process.env.COMPARE_BEFORE as string),
  after: await responderFrom(process.env.COMPARE_AFTER as string),
  'before-again': await responderFrom(process.env.COMPARE_BEFORE as string),
}

const write = (res: ServerResponse, out: HandleResponse) =>
  res.writeHead(out.status, out.headers).end(out.body)

// Each build behind the node adapter's code: its responder, the answer written from its callback.
const listenerOf =
  (respond: Responder): RequestListener =>
  (req, res) => {
    const fail = (error: unknown) => res.destroy(error as Error)
    const request: HandleRequest = {
      method: req.method,
      url: req.url ?? '/',
      headers: req.headers,
      stream: req,
      response: res,
    }
    respond(
      request,
      (out) => {
        try {
          write(res, out)
        } catch (error) {
          fail(error)
        }
      },
      fail,
    )
  }

serve(
  routeServer(new Map(Object.entries(responders).map(([route, respond]) => [route, listenerOf(respond)]))),
)
