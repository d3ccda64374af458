import { createWriteStream, type WriteStream } from 'node:fs'
import { finished } from 'node:stream'
import type { AnyWebhookEvent, EmitterMethods } from '@blinger-webhooks/core'
import { formatRecordedDelivery } from './recorded-delivery.js'

/**
 * Where lines go when you bring your own: any Node `Writable` (a `fs.WriteStream`, `process.stdout`), a pino
 * destination, a rotating-file stream. Only `write` is required.
 */
export interface RecordStream {
  write(line: string, callback?: (error?: Error | null) => void): unknown
  on?(event: 'error', listener: (error: Error) => void): unknown
  off?(event: 'error', listener: (error: Error) => void): unknown
  /** Bytes queued and not yet written; read to stop buffering without bound when the disk is slow. */
  readonly writableLength?: number
}

/** Options of `recordDeliveries`. Give `path` or `stream`. */
export interface RecordOptions {
  /** Append to this file, created if missing (`fs.createWriteStream(path, { flags: 'a' })`). */
  path?: string
  /** Write each line to this stream instead. The recorder never closes it. */
  stream?: RecordStream
  /**
   * Called when lines cannot be written: the file cannot be opened, a write fails, or the buffer is full.
   * Reported once per outage, not once per line. A recording failure never changes the HTTP answer.
   * @default logs the error with `console.error`
   */
  onError?: (error: Error) => void
  /** Records only the deliveries for which it returns `true`. @default every accepted delivery */
  filter?: (event: AnyWebhookEvent) => boolean
  /** Bytes allowed to queue behind a slow disk before lines are dropped (and reported). @default 16_777_216 (16 MiB) */
  maxBuffered?: number
}

/** A running recording. */
export interface Recorder {
  /** Lines handed to the file or stream so far. */
  readonly recorded: number
  /** Lines lost: the write failed, the file could not be opened, or the buffer was full. */
  readonly dropped: number
  /**
   * With `path`: closes the file after what is queued is written, and opens `path` anew. Call it on SIGHUP
   * after logrotate has renamed the file; no line is lost or split. With `stream`: does nothing.
   */
  reopen(): Promise<void>
  /** Stops recording and, with `path`, flushes and closes the file. */
  close(): Promise<void>
}

const prefix = '[@blinger-webhooks/recorder]'

/**
 * Appends each delivery the receiver accepts (authenticated, valid, not a duplicate) as one NDJSON line
 * `{"receivedAt","id","name","webhook","payload"}`, for `blinger-webhooks replay`. It listens on `*`, so the
 * receiving pipeline is unchanged; lines are queued, never awaited, so recording adds no latency.
 * @example
 * const hooks = blingerWebhooks({ token: process.env.BLINGER_TOKEN })
 * const recorder = recordDeliveries(hooks, { path: '/var/log/app/blinger.ndjson' })
 * process.on('SIGHUP', () => recorder.reopen()) // after logrotate renamed the file
 */
export function recordDeliveries(target: EmitterMethods, options: RecordOptions): Recorder {
  const { path, stream } = options
  if ((path === undefined) === (stream === undefined)) {
    throw new TypeError(`${prefix} Give exactly one of { path } or { stream }.`)
  }
  const maxBuffered = options.maxBuffered ?? 16 * 1024 * 1024
  const onError = options.onError ?? ((error: Error) => console.error(error))
  let recorded = 0
  let dropped = 0
  let closed = false
  // Set while lines are being lost, so a full disk is reported once rather than once per delivery.
  let failing = false

  const report = (message: string, cause?: unknown) => {
    if (failing) return
    failing = true
    const reason = cause instanceof Error ? `: ${cause.message}` : ''
    // onError is user code: it must not turn a recording problem into a failed delivery.
    try {
      onError(new Error(`${prefix} ${message}${reason}`, cause === undefined ? {} : { cause }))
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

  const listener = (event: AnyWebhookEvent) => {
    try {
      if (options.filter !== undefined && !options.filter(event)) return
      // A file that failed is destroyed; open it again, so recording resumes once the disk is back.
      if (path !== undefined && file?.destroyed === true) file = open(path)
      const out: RecordStream | undefined = file ?? stream
      if (out === undefined) return
      if ((out.writableLength ?? 0) > maxBuffered) {
        dropped++
        report(
          `More than ${maxBuffered} bytes are waiting to be written to ${where}; dropping lines until it catches up`,
        )
        return
      }
      out.write(formatRecordedDelivery(event), afterWrite)
      recorded++
    } catch (error) {
      dropped++
      report(`Cannot record delivery ${event.id}`, error)
    }
  }
  target.on('*', listener)

  const end = (old: WriteStream) =>
    new Promise<void>((resolve) => {
      old.end()
      finished(old, () => resolve())
    })

  return {
    get recorded() {
      return recorded
    },
    get dropped() {
      return dropped
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
      target.off('*', listener)
      stream?.off?.('error', onStreamError)
      if (file !== undefined) await end(file)
    },
  }
}
