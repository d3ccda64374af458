import { connect } from 'node:net'

/** A piece of a request as written to the socket. */
export type RawChunk = string | Uint8Array

/** What `rawRequest` saw on the connection. */
export interface RawResponse {
  /** The status of the first response; 0 when none arrived. */
  readonly status: number
  /** The first response's headers, names lowercased. */
  readonly headers: Readonly<Record<string, string>>
  /** The first response's body. */
  readonly body: string
  /** The status of every response the connection carried, in order. */
  readonly statuses: readonly number[]
  /** Whether the server closed the connection (within `linger` after the first response). */
  readonly closed: boolean
  /** Milliseconds from connecting to the first complete response, or to giving up. */
  readonly ms: number
  /** A socket error seen on the way (`ECONNRESET`, `EPIPE`), if any. */
  readonly error: string | undefined
}

/** Options of `rawRequest`. */
export interface RawRequestOptions {
  /** Give up (status 0) after this many milliseconds. @default 5000 */
  timeout?: number
  /** After the first complete response, wait this long for the server to close the connection. @default 200 */
  linger?: number
  /** Half-close the socket once the body is written, as a client that gives up sending does. @default false */
  end?: boolean
}

/**
 * Writes a request byte for byte to 127.0.0.1:`port` (so headers may lie) and reads what comes back.
 * The body may be an async iterable that waits between chunks (a slow client); writing stops as soon as
 * the server answers or closes, and waits for `drain`, so a generated body is never buffered.
 */
export function rawRequest(
  port: number,
  head: string,
  body: RawChunk | Iterable<RawChunk> | AsyncIterable<RawChunk> = [],
  options: RawRequestOptions = {},
): Promise<RawResponse> {
  const { timeout = 5000, linger = 200, end = false } = options
  const started = performance.now()
  const socket = connect(port, '127.0.0.1')
  socket.setNoDelay(true)
  const received: Buffer[] = []
  let first: { status: number; headers: Record<string, string>; body: string; ms: number } | undefined
  let error: string | undefined
  let done = false
  let lingerTimer: ReturnType<typeof setTimeout> | undefined

  return new Promise<RawResponse>((resolve) => {
    const finish = (closed: boolean) => {
      if (done) return
      done = true
      clearTimeout(deadline)
      clearTimeout(lingerTimer)
      socket.destroy()
      const text = Buffer.concat(received).toString('latin1')
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((match) => Number(match[1]))
      resolve({
        status: first?.status ?? 0,
        headers: first?.headers ?? {},
        body: first?.body ?? '',
        statuses,
        closed,
        ms: first?.ms ?? performance.now() - started,
        error,
      })
    }
    const deadline = setTimeout(() => finish(false), timeout)

    socket.on('data', (chunk: Buffer) => {
      received.push(chunk)
      if (first === undefined) {
        first = parseComplete(Buffer.concat(received), false, started)
        if (first !== undefined) lingerTimer = setTimeout(() => finish(false), linger)
      }
    })
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error ??= cause.code ?? cause.message
    })
    socket.on('close', () => {
      first ??= parseComplete(Buffer.concat(received), true, started)
      finish(true)
    })

    const write = async () => {
      const waitable = (chunk: RawChunk) =>
        socket.write(chunk)
          ? undefined
          : new Promise<void>((go) => {
              const next = () => {
                socket.off('drain', next).off('close', next)
                go()
              }
              socket.on('drain', next).on('close', next)
            })
      await waitable(head)
      const chunks = typeof body === 'string' || body instanceof Uint8Array ? [body] : body
      for await (const chunk of chunks) {
        if (done || first !== undefined || socket.destroyed) return
        await waitable(chunk)
      }
      if (end && !socket.destroyed) socket.end()
    }
    socket.once('connect', () => {
      write().catch((cause: unknown) => {
        error ??= String(cause)
      })
    })
  })
}

/** The first response in `data`, once it is complete (or the connection closed), else `undefined`. */
function parseComplete(data: Buffer, closed: boolean, started: number) {
  const end = data.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const lines = data.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const rest = data.subarray(end + 4)
  let body: Buffer | undefined
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') body = dechunk(rest)
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length'])
    if (rest.length >= length) body = rest.subarray(0, length)
  }
  // Without a length the body runs to the end of the connection.
  if (body === undefined && closed) body = rest
  if (body === undefined) return undefined
  return { status, headers, body: body.toString('utf8'), ms: performance.now() - started }
}

/** The body of a complete chunked message, or `undefined` while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at)
    if (lineEnd === -1) return undefined
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16)
    if (Number.isNaN(size)) return undefined
    if (size === 0) return Buffer.concat(parts)
    const start = lineEnd + 2
    if (data.length < start + size + 2) return undefined
    parts.push(data.subarray(start, start + size))
    at = start + size + 2
  }
}
