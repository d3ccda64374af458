import type { ServerResponse } from 'node:http'

/** The open Server-Sent Events connections of one inspector. */
export interface EventStream {
  /** Starts an SSE response and sends it `first` before anything else. */
  add(response: ServerResponse, first: { readonly event: string; readonly data: unknown }): void
  /** Sends one message to every open connection. */
  broadcast(event: string, data: unknown): void
  /** Ends every connection and stops the heartbeat. */
  close(): void
}

/** Past this much unsent data a page is too slow to follow; it is dropped and reconnects to a fresh snapshot. */
const maxBuffered = 4 * 1024 * 1024

/**
 * Creates the set of SSE connections behind `GET /api/events`. A comment line every `heartbeatMs` keeps
 * proxies and idle timeouts from closing a quiet connection.
 */
export function createEventStream(heartbeatMs = 15_000): EventStream {
  const open = new Set<ServerResponse>()
  const write = (response: ServerResponse, text: string) => {
    if (response.writableLength > maxBuffered) {
      open.delete(response)
      response.end()
      return
    }
    response.write(text)
  }
  const heartbeat = setInterval(() => {
    for (const response of open) write(response, ': keep-alive\n\n')
  }, heartbeatMs)
  heartbeat.unref()

  return {
    add(response, first) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      })
      // The browser reconnects after a second, and then gets a new snapshot.
      response.write(`retry: 1000\n\n${message(first.event, first.data)}`)
      open.add(response)
      response.on('close', () => open.delete(response))
    },
    broadcast(event, data) {
      if (open.size === 0) return
      const text = message(event, data)
      for (const response of open) write(response, text)
    },
    close() {
      clearInterval(heartbeat)
      for (const response of open) response.end()
      open.clear()
    },
  }
}

// JSON.stringify never emits a raw newline, so every message is a single `data:` line.
function message(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}
