import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the target app received. */
export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/**
 * A stand-in for the user's app on 127.0.0.1 (`port` 0 picks a free one): it answers 200 `{"handled":true}` (or `status`) and keeps what
 * it received. `next()` resolves with the next request, or rejects after `timeoutMs`.
 */
export async function startTargetApp(status = 200, port = 0) {
  const received: Received[] = []
  const waiting: ((request: Received) => void)[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      received.push(entry)
      for (const resolve of waiting.splice(0)) resolve(entry)
      response.writeHead(status, { 'content-type': 'application/json' }).end('{"handled":true}')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/webhooks/blinger`,
    received,
    next(timeoutMs = 5000): Promise<Received> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The target app received nothing in time.')),
          timeoutMs,
        )
        waiting.push((entry) => {
          clearTimeout(timer)
          resolve(entry)
        })
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
