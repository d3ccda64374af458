import { createWriteStream, type WriteStream } from 'node:fs'
import { finished } from 'node:stream'
import { messageFrom } from '../errors/message-from.js'

/**
 * Where lines go when you bring your own: any Node `Writable` (a `fs.WriteStream`, `process.stdout`), a pino
 * destination, a rotating-file stream. Only `write` is required.
 */
export interface NdjsonStream {
  write(line: string, callback?: (error?: Error | null) => void): unknown
  on?(event: 'error', listener: (error: Error) => void): unknown
  off?(event: 'error', listener: (error: Error) => void): unknown
  /** Bytes queued and not yet written; read to stop buffering without bound when the disk is slow. */
  readonly writableLength?: number
}

/** Where an NDJSON writer appends: a file by `path`, or a `stream` you own. */
export type NdjsonTarget = { readonly path: string } | { readonly stream: NdjsonStream }

/** Options of `createNdjsonWriter`. */
export interface NdjsonWriterOptions {
  /** Called once per outage when lines cannot be written: the file cannot be opened, a write fails, or the buffer is full. */
  onError: (error: Error) => void
  /** Bytes allowed to queue behind a slow disk before lines are dropped (and reported). @default 16_777_216 (16 MiB) */
  maxBuffered?: number
  /** Formats every error message, e.g. `messageFrom('recorder')` of `/adapter`. @default messageFrom('core') */
  prefixed?: (text: string) => string
}

/** An append-only NDJSON file or stream that never blocks and never throws. */
export interface NdjsonWriter {
  /** Lines handed to the file or stream so far. */
  readonly written: number
  /** Lines lost: the write failed, the file could not be opened, or the buffer was full. */
  readonly dropped: number
  /**
   * Queues the line `line()` makes (ending with a newline); `undefined` writes nothing. Never throws: a line
   * that cannot be made or written is counted as dropped and reported as `what` ("delivery 5b1f…").
   */
  write(line: () => string | undefined, what: string): void
  /**
   * With `path`: closes the file after what is queued is written, and opens `path` anew. Call it on SIGHUP
   * after logrotate has renamed the file; no line is lost or split. With `stream`: does nothing.
   */
  reopen(): Promise<void>
  /** With `path`, flushes and closes the file; a stream is left open. Later lines are dropped. */
  close(): Promise<void>
}

/**
 * Opens the append-only NDJSON output the recorder and the dead letters share: `fs.createWriteStream(path,
 * { flags: 'a' })` or your stream. Lines are queued, never awaited, so writing adds no latency, and a slow
 * or broken disk is reported through `onError` (once per outage), never thrown.
 * @example
 * const out = createNdjsonWriter({ path: 'lines.ndjson' }, { onError: console.error })
 * out.write(() => `${JSON.stringify({ a: 1 })}\n`, 'a line')
 */
export function createNdjsonWriter(target: NdjsonTarget, options: NdjsonWriterOptions): NdjsonWriter {
  const path = 'path' in target ? target.path : undefined
  const stream = 'stream' in target ? target.stream : undefined
  const maxBuffered = options.maxBuffered ?? 16 * 1024 * 1024
  const prefixed = options.prefixed ?? messageFrom('core')
  let written = 0
  let dropped = 0
  let closed = false
  // Set while lines are being lost, so a full disk is reported once rather than once per line.
  let failing = false

  const report = (message: string, cause?: unknown) => {
    if (failing) return
    failing = true
    const reason = cause instanceof Error ? `: ${cause.message}` : ''
    // onError is user code: it must not turn a writing problem into a failed delivery.
    try {
      options.onError(new Error(prefixed(message + reason), cause === undefined ? {} : { cause }))
    } catch {}
  }
  const where = path === undefined ? 'the stream' : path
  const onStreamError = (error: Error) => report(`Cannot write to ${where}`, error)
  const open = (file: string): WriteStream =>
    createWriteStream(file, { flags: 'a' }).on('error', onStreamError)

  let file = path === undefined ? undefined : open(path)
  stream?.on?.('error', onStreamError)

  const afterWrite = (error?: Error | null) => {
    if (error) dropped++
    else failing = false
  }

  const end = (old: WriteStream) =>
    new Promise<void>((resolve) => {
      old.end()
      finished(old, () => resolve())
    })

  return {
    get written() {
      return written
    },
    get dropped() {
      return dropped
    },
    write(line, what) {
      try {
        const text = line()
        if (text === undefined) return
        if (closed) {
          dropped++
          return
        }
        // A file that failed is destroyed; open it again, so writing resumes once the disk is back.
        if (path !== undefined && file?.destroyed === true) file = open(path)
        const out: NdjsonStream | undefined = file ?? stream
        if (out === undefined) return
        if ((out.writableLength ?? 0) > maxBuffered) {
          dropped++
          report(
            `More than ${maxBuffered} bytes are waiting to be written to ${where}; dropping lines until it catches up`,
          )
          return
        }
        out.write(text, afterWrite)
        written++
      } catch (error) {
        dropped++
        report(`Cannot write ${what}`, error)
      }
    },
    async reopen() {
      if (path === undefined || closed || file === undefined) return
      const old = file
      file = open(path)
      await end(old)
    },
    async close() {
      if (closed) return
      closed = true
      stream?.off?.('error', onStreamError)
      if (file !== undefined) await end(file)
    },
  }
}
