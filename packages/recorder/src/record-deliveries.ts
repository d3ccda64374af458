import {
  type AnyWebhookEvent,
  createNdjsonWriter,
  type EmitterMethods,
  type NdjsonStream,
} from '@blinger-webhooks/core'
import { messageFrom } from '@blinger-webhooks/core/adapter'
import { formatRecordedDelivery } from './recorded-delivery.js'

/**
 * Where lines go when you bring your own: any Node `Writable` (a `fs.WriteStream`, `process.stdout`), a pino
 * destination, a rotating-file stream. Only `write` is required. Core's `NdjsonStream`, which this writer shares.
 */
export type RecordStream = NdjsonStream

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

const prefixed = messageFrom('recorder')

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
    throw new TypeError(prefixed(`Give exactly one of { path } or { stream }.`))
  }
  const out = createNdjsonWriter(path === undefined ? { stream: stream as RecordStream } : { path }, {
    onError: options.onError ?? ((error: Error) => console.error(error)),
    prefixed,
    ...(options.maxBuffered === undefined ? {} : { maxBuffered: options.maxBuffered }),
  })
  let closed = false

  const listener = (event: AnyWebhookEvent) => {
    const { filter } = options
    out.write(
      () => (filter === undefined || filter(event) ? formatRecordedDelivery(event) : undefined),
      `delivery ${event.id}`,
    )
  }
  target.on('*', listener)

  return {
    get recorded() {
      return out.written
    },
    get dropped() {
      return out.dropped
    },
    reopen: () => out.reopen(),
    async close() {
      if (closed) return
      closed = true
      target.off('*', listener)
      await out.close()
    },
  }
}
