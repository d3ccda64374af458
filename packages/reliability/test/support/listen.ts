import { once } from 'node:events'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A server listening on loopback, and the way to stop it. */
export interface Listening {
  readonly server: Server
  readonly port: number
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Drops every connection and stops listening. */
  close(): Promise<void>
}

/** Starts `app` (a request listener or an unstarted server) on 127.0.0.1 and an ephemeral port. */
export async function listen(app: RequestListener | Server): Promise<Listening> {
  const server = typeof app === 'function' ? createServer(app) : app
  if (!server.listening) {
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
  }
  const { port } = server.address() as AddressInfo
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
