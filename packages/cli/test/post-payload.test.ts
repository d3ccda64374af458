import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DeliverError } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postPayload } from '../src/post-payload.js'
import { closedUrl } from './serve.js'

let server: Server
let base: string
const seen: { url: string | undefined; authorization: string | undefined; body: string }[] = []

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      seen.push({ url: req.url, authorization: req.headers.authorization, body })
      if (req.url?.startsWith('/moved'))
        res.writeHead(301, { location: 'https://example.com/new?token=x' }).end()
      else if (req.url?.startsWith('/nowhere')) res.writeHead(302).end()
      else res.writeHead(200).end('{"ok":true,"duplicate":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('postPayload', () => {
  it('POSTs the payload as JSON with the token in the query or a header, and reads a duplicate', async () => {
    seen.length = 0
    const answer = await postPayload(
      new URL(`${base}/hook`),
      { webhook: 'a' },
      {
        token: 't k',
        tokenIn: 'query',
        timeout: 5000,
      },
    )
    expect(answer).toEqual({ status: 200, text: '{"ok":true,"duplicate":true}', duplicate: true })
    await postPayload(
      new URL(`${base}/hook`),
      { webhook: 'b' },
      { token: 't', tokenIn: 'header', timeout: 5000 },
    )
    expect(seen).toEqual([
      { url: '/hook?token=t+k', authorization: undefined, body: '{"webhook":"a"}' },
      { url: '/hook', authorization: 'Bearer t', body: '{"webhook":"b"}' },
    ])
  })

  it('answers a redirect with its status and where it points (no query), never following it', async () => {
    seen.length = 0
    const options = { tokenIn: 'query', timeout: 5000 } as const
    expect(await postPayload(new URL(`${base}/moved`), {}, options)).toEqual({
      status: 301,
      text: '',
      duplicate: false,
      location: 'https://example.com/new',
    })
    expect(await postPayload(new URL(`${base}/nowhere`), {}, options)).toEqual({
      status: 302,
      text: '',
      duplicate: false,
    })
    expect(seen.map((each) => each.url)).toEqual(['/moved', '/nowhere'])
  })

  it('rejects with a DeliverError without the query when nothing answers', async () => {
    const url = new URL(await closedUrl())
    url.searchParams.set('token', 'secret')
    const error = await postPayload(url, {}, { tokenIn: 'query', timeout: 5000 }).catch(
      (each: unknown) => each,
    )
    expect(error).toBeInstanceOf(DeliverError)
    expect((error as DeliverError).message).toMatch(/ECONNREFUSED/)
    expect((error as DeliverError).message).not.toContain('secret')
  })
})
