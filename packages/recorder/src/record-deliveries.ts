import type { AnyWebhookEvent, EmitterMethods, NdjsonStream } from '@blinger-webhooks/core'
import { createNdjsonWriter, messageFrom } from '@blinger-webhooks/core/internal'
import { formatRecordedDelivery } from './recorded-delivery.js'

/**
 * Where lines go when you bring your own: any Node `Writable` (a `fs.WriteStream`, `process.stdout`), a pino
 * destination, a rotating-file stream. Only `write` is required. Core's `NdjsonStream`, which this writer shares.
 */
export type RecordStream = NdjsonStream

/** Options of `recordDeliveries`. Give `path` or `stream`. */
export interface RecordOptions {
  /**
   * Append to this file, created if missing, with its folder. Each line is handed to the OS with one write;
   * a path that cannot be opened throws at once.
   */
  path?: string
  /** With `path`: the permissions of a file this creates (the umask applies). @default 0o600 (only you can read it) */
  mode?: number
  /**
   * With `path`: bytes the file may reach; a line that would pass it first renames the file to the next free
   * numbered name (`deliveries.1.ndjson`, `.2`, …; nothing is replaced or deleted). @default 1_073_741_824 (1 GiB)
   */
  maxBytes?: number
  /** Write each line to this stream instead. The recorder never closes it. */
  stream?: RecordStream
  /**
   * Called when lines cannot be written, with the delivery ids: a file write fails (the lines wait in memory,
   * retried every second), lines are dropped, or the stream fails. At most once a second. A recording failure
   * never changes the HTTP answer.
   * @default logs the error with `console.error`
   */
  onError?: (error: Error) => void
  /** Records only the deliveries for which it returns `true`. @default every accepted delivery */
  filter?: (event: AnyWebhookEvent) => boolean
  /** With `stream`: bytes allowed to queue behind it before lines are dropped (and reported). @default 16_777_216 (16 MiB) */
  maxBuffered?: number
}

/** A running recording. */
export interface Recorder {
  /** Lines written: handed to the OS (`path`), or reported written by the stream. */
  readonly recorded: number
  /** Lines given up: the memory queue was full, the stream failed or was full, or the line came after `close()`. */
  readonly dropped: number
  /** Lines waiting in memory for a failing file (a full disk); retried every second. */
  readonly pending: number
  /**
   * With `path`: opens `path` anew and closes the old file. Call it on SIGHUP after logrotate has renamed the
   * file; no line is lost or split. With `stream`: does nothing.
   */
  reopen(): Promise<void>
  /** Stops recording and, with `path`, writes what waits (one last try), syncs and closes the file. */
  close(): Promise<void>
}

const prefixed = messageFrom('recorder')

/**
 * Appends each delivery the receiver accepts (authenticated, valid, not a duplicate) as one NDJSON line
 * `{"receivedAt","id","name","webhook","payload"}`, for `blinger-webhooks replay`. It listens on `*`, so the
 * receiving pipeline is unchanged; with `path` each line is one write to the OS (a crash loses no line already
 * recorded), with `stream` lines are handed over, never awaited.
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
  const { mode, maxBytes } = options
  const file = {
    path: path as string,
    ...(mode === undefined ? {} : { mode }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  }
  const out = createNdjsonWriter(path === undefined ? { stream: stream as RecordStream } : file, {
    onError: options.onError ?? ((error: Error) => console.error(error)),
    prefixed,
    ...(options.maxBuffered === undefined ? {} : { maxBuffered: options.maxBuffered }),
  })
  let closed = false

  const listener = (event: AnyWebhookEvent) => {
    const { filter } = options
    out.write(
      () => (filter === undefined || filter(event) ? formatRecordedDelivery(event) : undefined),
      event.id,
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
    get pending() {
      return out.pending
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
