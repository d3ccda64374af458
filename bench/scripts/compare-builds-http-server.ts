/**
 * The server of `compare-builds-http.ts`: the two builds' receivers in one node:http process, each behind the
 * node adapter's code (its responder, the answer written from its callback), chosen by the path's last segment.
 */
import { createServer, type ServerResponse } from 'node:http'
import { pathToFileURL } from 'node:url'
import type { HandleRequest, HandleResponse, Responder } from '@blinger-webhooks/core/adapter'
import { token } from '../src/payloads.js'
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

const before = await responderFrom(process.env.COMPARE_BEFORE as string)
const responders: Record<string, Responder> = {
  before,
  after: await responderFrom(process.env.COMPARE_AFTER as string),
  'before-again': await responderFrom(process.env.COMPARE_BEFORE as string),
}

const write = (res: ServerResponse, out: HandleResponse) =>
  res.writeHead(out.status, out.headers).end(out.body)

serve(
  createServer((req, res) => {
    const url = req.url ?? '/'
    const respond =
      responders[url.slice(url.lastIndexOf('/', url.indexOf('?')) + 1, url.indexOf('?'))] ?? before
    const fail = (error: unknown) => res.destroy(error as Error)
    const request: HandleRequest = {
      method: req.method,
      url,
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
  }),
)
