import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReceiver, type Receiver, type ReceiverOptions } from '@blinger-webhooks/core'

export interface TestServer {
  readonly url: string
  readonly receiver: Receiver
  readonly server: Server
  /** Requests in flight at most, at once. */
  readonly maxInFlight: () => number
  /** Makes the server drop the connection, unanswered, after handling the current request. */
  hangUpAfterThis(): void
  close(): Promise<void>
}

/** A real node:http server on 127.0.0.1 whose only logic is core's `receiver.handle()`. */
export async function serve(options: ReceiverOptions): Promise<TestServer> {
  const receiver = createReceiver(options)
  receiver.on('error', () => {}) // failing handlers are part of some tests; keep the output clean
  let inFlight = 0
  let most = 0
  let hangUp = false
  const server = createServer(async (req, res) => {
    inFlight++
    most = Math.max(most, inFlight)
    try {
      const out = await receiver.handle({
        method: req.method,
        url: req.url ?? '/',
        headers: req.headers,
        stream: req,
      })
      if (hangUp) {
        hangUp = false
        res.socket?.destroy()
        return
      }
      res.writeHead(out.status, out.headers).end(out.body)
    } finally {
      inFlight--
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/blinger`,
    receiver,
    server,
    maxInFlight: () => most,
    hangUpAfterThis() {
      hangUp = true
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A URL on 127.0.0.1 where nothing listens: a port that was just free. */
export async function closedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/webhooks/blinger`
}
