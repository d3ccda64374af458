import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Receiver } from '@blinger-webhooks/core'

/** A real node:http server on 127.0.0.1 that hands every request to `receiver.handle()`. */
export async function serve(
  receiver: Receiver,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    receiver
      .handle({ method: req.method, url: req.url ?? '/', headers: req.headers, stream: req })
      .then((out) => res.writeHead(out.status, out.headers).end(out.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/blinger`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
