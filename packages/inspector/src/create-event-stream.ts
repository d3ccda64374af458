import type { ServerResponse } from 'node:http'
import { writeError } from './write-json.js'

/** The open Server-Sent Events connections of one inspector. */
export interface EventStream {
  /**
   * Starts an SSE response and sends it `first` before anything else; answers 503 instead when `maxConnections`
   * are open. A `first` larger than `maxBuffered` drops the connection at once: see `fitSnapshot`.
   */
  add(response: ServerResponse, first: { readonly event: string; readonly data: unknown }): void
  /** Sends one message to every open connection. */
  broadcast(event: string, data: unknown): void
  /** Ends every connection and stops the heartbeat. */
  close(): void
}

/** Limits of an inspector's event streams. */
export interface EventStreamLimits {
  /** Milliseconds between comment lines that keep proxies and idle timeouts from closing a quiet connection. */
  readonly heartbeatMs?: number
  /** Open connections at most: each page tab holds one. */
  readonly maxConnections?: number
  /** Unsent bytes a connection may hold, its first message included; past it the page is dropped and reconnects. */
  readonly maxBuffered?: number
}

/**
 * Creates the set of SSE connections behind `GET /api/events`. Memory is bounded by
 * `maxConnections × maxBuffered` however slowly the pages read.
 */
export function createEventStream({
  heartbeatMs = 15_000,
  maxConnections = 16,
  maxBuffered = 4 * 1024 * 1024,
}: EventStreamLimits = {}): EventStream {
  const open = new Set<ServerResponse>()
  const write = (response: ServerResponse, text: string) => {
    if (response.writableLength + Buffer.byteLength(text) > maxBuffered) {
      // destroy, not end: an unread connection would keep its buffer until the socket times out.
      open.delete(response)
      response.destroy()
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
      if (open.size >= maxConnections) {
        writeError(
          response,
          503,
          'too_many_streams',
          `At most ${maxConnections} pages may follow the inspector at once. Close a tab and reload.`,
          { 'retry-after': '5', connection: 'close' },
        )
        return
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      })
      open.add(response)
      response.on('close', () => open.delete(response))
      // The browser reconnects after a second, and then gets a new snapshot.
      write(response, `retry: 1000\n\n${message(first.event, first.data)}`)
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
