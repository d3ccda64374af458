import { createConnection, createServer, type Socket } from 'node:net'

/** A loopback TCP proxy in front of Redis that a test can freeze or cut, to make Redis hang or vanish. */
export interface TcpProxy {
  /** `redis://127.0.0.1:<port>` of the proxy. */
  readonly url: string
  /** Holds every byte sent to Redis until `thaw()`: Redis seems to hang, and nothing is lost. */
  freeze(): void
  /** Sends what was held, in order, and forwards again. */
  thaw(): void
  /** Drops every connection and hangs up on new ones until `restore()`: Redis seems gone, and comes back. */
  cut(): void
  /** Forwards new connections again after `cut()`. */
  restore(): void
  /** Drops every connection and refuses new ones: Redis seems gone. */
  close(): Promise<void>
}

/** Starts a proxy on a free loopback port that forwards to `target` (host 127.0.0.1). */
export async function createTcpProxy(targetPort: number): Promise<TcpProxy> {
  let frozen = false
  let cut = false
  const held: { upstream: Socket; chunk: Buffer }[] = []
  const sockets = new Set<Socket>()

  const server = createServer((client) => {
    if (cut) {
      client.destroy()
      return
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (chunk: Buffer) => {
      if (frozen) held.push({ upstream, chunk })
      else upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => client.write(chunk))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')

  return {
    url: `redis://127.0.0.1:${address.port}`,
    freeze() {
      frozen = true
    },
    thaw() {
      frozen = false
      for (const { upstream, chunk } of held.splice(0)) upstream.write(chunk)
    },
    cut() {
      cut = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      cut = false
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
