import { messageFrom } from '../errors/message-from.js'
import { deliveryList, listedIds } from './delivery-list.js'
import { errorText } from './error-text.js'
import { nodeFiles } from './node-files.js'
import { type AppendFile, openAppendFile } from './open-append-file.js'
import { renameToNumbered } from './rename-to-numbered.js'

/**
 * Where lines go when you bring your own: any Node `Writable` (a `fs.WriteStream`, `process.stdout`), a pino
 * destination, a rotating-file stream. Only `write` is required.
 */
export interface NdjsonStream {
  /**
   * Takes one line. A `write` that declares a callback (Node's `Writable`) counts the line written when the
   * callback reports success; one without (`pino.destination()`) when it returns.
   */
  write(line: string, callback?: (error?: Error | null) => void): unknown
  on?(event: 'error', listener: (error: Error) => void): unknown
  off?(event: 'error', listener: (error: Error) => void): unknown
  /** Bytes queued and not yet written; read to stop buffering without bound when the disk is slow. */
  readonly writableLength?: number
}

/** An NDJSON file: each line is handed to the OS with one write before `write()` returns. */
export interface NdjsonFileTarget {
  /** The file to append to. Its folder is created if missing; a path that cannot be opened throws at once. */
  readonly path: string
  /** The permissions of a file this creates (the umask applies; an existing file keeps its own). @default 0o600 */
  readonly mode?: number
  /**
   * Bytes the file may reach: a line that would pass it first renames the file to the next free numbered name
   * (`dead-letters.1.ndjson`, `.2`, …; nothing is replaced or deleted) and starts a new one. @default 1_073_741_824 (1 GiB)
   */
  readonly maxBytes?: number
}

/** Where an NDJSON writer appends: a file by `path`, or a `stream` you own. */
export type NdjsonTarget = NdjsonFileTarget | { readonly stream: NdjsonStream }

/** Options of `createNdjsonWriter`. */
export interface NdjsonWriterOptions {
  /**
   * Called when lines are not kept, with the delivery ids they are about: a file write fails (the lines wait in
   * memory and are retried), lines are dropped, or the stream fails. At most once a second; ids are collected
   * in between.
   */
  onError: (error: Error) => void
  /** With `stream`: bytes allowed to queue behind it before lines are dropped (and reported). @default 16_777_216 (16 MiB) */
  maxBuffered?: number
  /** With `path`: lines that may wait in memory for a failing file; later lines are dropped. @default 1_000 */
  maxPending?: number
  /** With `path`: bytes that may wait in memory for a failing file; later lines are dropped. @default 67_108_864 (64 MiB) */
  maxPendingBytes?: number
  /** Formats every error and warning text, e.g. `messageFrom('recorder')` of `/adapter`. @default messageFrom('core') */
  prefixed?: (text: string) => string
  /** Where the one line saying that a file reached `maxBytes` and was renamed goes. @default console.warn */
  warn?: (line: string) => void
}

/**
 * What became of a line: `kept` (handed to the OS, or accepted by the stream), `repeat` (a line of the same key
 * is in the current file already), `pending` (it waits in memory for the file to take it), `dropped` (lost, and
 * reported), `none` (there was nothing to write).
 */
export type NdjsonWriteResult = 'kept' | 'repeat' | 'pending' | 'dropped' | 'none'

/** An append-only NDJSON file or stream that never throws once open. */
export interface NdjsonWriter {
  /** Lines written: in the file (handed to the OS), or reported written by the stream. */
  readonly written: number
  /** Lines given up: the memory queue was full, the stream failed or was full, the line could not be made, or it came after `close()`. */
  readonly dropped: number
  /** Lines waiting in memory for the file to take them; retried on the next write and every second. */
  readonly pending: number
  /** Lines not written because a line of the same key is in the current file already. */
  readonly repeated: number
  /**
   * Writes the line `line()` makes (ending with a newline); `undefined` writes nothing. With `path`, the line
   * is in the kernel when this returns. Never throws: a line that cannot be made or written is reported with
   * `id` (the delivery it is about). With a `key`, a line whose key is already in the current file is skipped.
   */
  write(line: () => string | undefined, id: string, key?: string): NdjsonWriteResult
  /**
   * With `path`: opens `path` anew and closes the old file. Call it on SIGHUP after logrotate has renamed the
   * file; no line is lost or split. If `path` cannot be opened, this reports it and writes on to the old file.
   * With `stream`: does nothing.
   */
  reopen(): Promise<void>
  /**
   * With `path`: tries once more to write the lines waiting in memory (those that fail are dropped), syncs and
   * closes the file; a stream is left open. Later lines are dropped. A second call does nothing more.
   */
  close(): Promise<void>
}

interface Waiting {
  readonly bytes: Uint8Array
  readonly id: string
  readonly key: string | undefined
}

// Uint8Array, not Buffer: the Web build of the core loads this module too (it writes to `{ stream }` there).
const encoder = new TextEncoder()
const retryMs = 1000
const reportMs = 1000
// Keys remembered per file, so a long-lived file cannot grow the set without bound.
const maxKeys = 100_000

/**
 * Opens the append-only NDJSON output the recorder and the dead letters share. With `{ path }` each line is
 * written with one `fs.writeSync` before `write()` returns, so what a caller answers after it is on record (a
 * crash of the process loses nothing already written); a write that fails keeps the line in a bounded memory
 * queue, retried. With `{ stream }`, lines are handed to your stream, never awaited.
 * @example
 * const out = createNdjsonWriter({ path: 'lines.ndjson' }, { onError: console.error })
 * out.write(() => `${JSON.stringify({ a: 1 })}\n`, 'a1b2c3')
 */
export function createNdjsonWriter(target: NdjsonTarget, options: NdjsonWriterOptions): NdjsonWriter {
  const prefixed = options.prefixed ?? messageFrom('core')
  const warn = options.warn ?? ((line: string) => console.warn(line))
  const maxBuffered = options.maxBuffered ?? 16 * 1024 * 1024
  const maxPending = whole('maxPending', options.maxPending ?? 1000, prefixed)
  const maxPendingBytes = whole('maxPendingBytes', options.maxPendingBytes ?? 64 * 1024 * 1024, prefixed)
  const stream = 'stream' in target ? target.stream : undefined
  const path = 'path' in target ? target.path : undefined
  const mode = 'path' in target ? whole('mode', target.mode ?? 0o600, prefixed) : 0
  const maxBytes = 'path' in target ? whole('maxBytes', target.maxBytes ?? 1024 ** 3, prefixed) : 0
  const where = path ?? 'the stream'
  // A stream whose write takes no callback (pino's) never reports success: its lines count when handed over.
  const countOnReturn = stream !== undefined && stream.write.length < 2

  let file: AppendFile | undefined
  if (path !== undefined) {
    try {
      file = openAppendFile(path, mode)
    } catch (error) {
      throw new Error(prefixed(`Cannot open ${path} for appending (${errorText(error)}).`), { cause: error })
    }
  }
  let size = file?.size ?? 0
  let torn = file?.torn ?? false
  let written = 0
  let dropped = 0
  let repeated = 0
  let closed: Promise<void> | undefined
  const seen = new Set<string>()
  const waiting: Waiting[] = []
  let waitingBytes = 0
  let retryTimer: NodeJS.Timeout | undefined
  let rotationFailing = false

  const emit = (message: string, cause: unknown) => {
    // onError is user code: it must not turn a writing problem into a failed delivery.
    try {
      options.onError(new Error(prefixed(message), cause === undefined ? {} : { cause }))
    } catch {}
  }

  // Reports of lines not kept: the first at once, the next ones collected and sent at most once a second.
  let reportTimer: NodeJS.Timeout | undefined
  let unreported: string[] = []
  let unreportedMore = 0
  let unreportedDropped = 0
  let lastWhy = ''
  let lastCause: unknown

  const reportText = (why: string, ids: readonly string[], more: number, droppedNow: number) => {
    const list = ids.length + more > 0 ? ` Not kept: ${deliveryList(ids, more)}.` : ''
    const given = droppedNow > 0 ? ` ${droppedNow} ${lines(droppedNow)} given up.` : ''
    const wait =
      waiting.length > 0
        ? ` ${waiting.length} ${lines(waiting.length)} wait in memory, retried every second.`
        : ''
    return `${why}.${list}${given}${wait}`
  }
  const flushReport = (again: boolean) => {
    reportTimer = undefined
    if (unreported.length + unreportedMore === 0) return
    const text = reportText(lastWhy, unreported, unreportedMore, unreportedDropped)
    const cause = lastCause
    unreported = []
    unreportedMore = 0
    unreportedDropped = 0
    if (again) startReportWindow()
    emit(text, cause)
  }
  const startReportWindow = () => {
    reportTimer = setTimeout(() => flushReport(true), reportMs)
    reportTimer.unref?.()
  }
  /** Records that the line of `id` was not kept (queued, or dropped), and reports it. */
  const notKept = (id: string | undefined, why: string, cause: unknown, isDropped: boolean) => {
    if (isDropped) dropped++
    if (reportTimer === undefined) {
      startReportWindow()
      emit(reportText(why, id === undefined ? [] : [id], 0, isDropped ? 1 : 0), cause)
      return
    }
    lastWhy = why
    lastCause = cause
    if (isDropped) unreportedDropped++
    if (id === undefined) return
    if (unreported.length < listedIds) unreported.push(id)
    else unreportedMore++
  }

  const remember = (key: string | undefined) => {
    if (key === undefined) return
    if (seen.size >= maxKeys) seen.delete(seen.values().next().value as string)
    seen.add(key)
  }

  const switchTo = (next: AppendFile) => {
    const old = file
    file = next
    size = next.size
    torn = next.torn
    seen.clear()
    if (old !== undefined) closeFile(old.fd)
  }

  /** Before a line that would pass `maxBytes`: renames the file (if it is still ours at `path`) and opens a new one. */
  const rotate = (current: AppendFile, filePath: string) => {
    let rotated: string | undefined
    const ours = nodeFiles().fstatSync(current.fd)
    const atPath = statOrUndefined(filePath)
    // Renamed already (logrotate, or another process sharing the file): just open `path` anew.
    if (atPath !== undefined && atPath.ino === ours.ino && atPath.dev === ours.dev) {
      rotated = renameToNumbered(filePath)
    }
    switchTo(openAppendFile(filePath, mode))
    if (rotated !== undefined) {
      warn(
        prefixed(
          `${filePath} reached maxBytes (${maxBytes} bytes): it was renamed to ${rotated}, and new lines go to a new ${filePath}.`,
        ),
      )
    }
  }

  /** One line to the file, whole; the error when the OS refused it (the line then stays with the caller). */
  const writeToFile = (bytes: Uint8Array): unknown => {
    if (file === undefined || path === undefined) return new Error('closed')
    if (file.regular && size > 0 && size + bytes.length > maxBytes) {
      try {
        rotate(file, path)
        rotationFailing = false
      } catch (error) {
        // Nothing is deleted to make room: the line goes to the file as it is, past maxBytes.
        if (!rotationFailing) {
          rotationFailing = true
          emit(`Cannot rotate ${path}, which reached maxBytes (${errorText(error)}); writing on to it`, error)
        }
      }
    }
    const data = torn ? withNewlineFirst(bytes) : bytes
    const prefix = data.length - bytes.length
    let offset = 0
    try {
      while (offset < data.length) {
        const count = nodeFiles().writeSync(file.fd, data, offset, data.length - offset)
        if (count <= 0) throw new Error(`write returned ${count}`)
        offset += count
      }
    } catch (error) {
      // A partial write tore the last line: the retry starts on a new line.
      if (offset > 0) {
        size += offset
        torn = offset > prefix
      }
      return error
    }
    size += data.length
    torn = false
    written++
    return undefined
  }

  const stopRetrying = () => {
    if (retryTimer !== undefined) clearInterval(retryTimer)
    retryTimer = undefined
  }

  /** Writes what waits, in order; false (and the error) at the first line the file refuses. */
  const drain = (): { error: unknown } | undefined => {
    while (waiting.length > 0) {
      const head = waiting[0] as Waiting
      const error = writeToFile(head.bytes)
      if (error !== undefined) return { error }
      waiting.shift()
      waitingBytes -= head.bytes.length
      remember(head.key)
    }
    stopRetrying()
    return undefined
  }

  const enqueue = (
    bytes: Uint8Array,
    id: string,
    key: string | undefined,
    error: unknown,
  ): NdjsonWriteResult => {
    const why = `Cannot write to ${where} (${errorText(error)})`
    const full = waiting.length >= maxPending || waitingBytes + bytes.length > maxPendingBytes
    // One line always fits, however big, so a big letter waits rather than being dropped at once.
    if (full && waiting.length > 0) {
      notKept(id, `${why}, and ${waiting.length} ${lines(waiting.length)} wait already`, error, true)
      return 'dropped'
    }
    waiting.push({ bytes, id, key })
    waitingBytes += bytes.length
    if (retryTimer === undefined) {
      retryTimer = setInterval(() => void drain(), retryMs)
      retryTimer.unref?.()
    }
    notKept(id, why, error, false)
    return 'pending'
  }

  const writeLine = (text: string, id: string, key: string | undefined): NdjsonWriteResult => {
    if (stream !== undefined) return writeToStream(stream, text, id, key)
    const bytes = encoder.encode(text)
    const blocked = drain()
    if (blocked !== undefined) return enqueue(bytes, id, key, blocked.error)
    const error = writeToFile(bytes)
    if (error !== undefined) return enqueue(bytes, id, key, error)
    remember(key)
    return 'kept'
  }

  const writeToStream = (
    out: NdjsonStream,
    text: string,
    id: string,
    key: string | undefined,
  ): NdjsonWriteResult => {
    if ((out.writableLength ?? 0) > maxBuffered) {
      notKept(id, `More than ${maxBuffered} bytes are waiting to be written to the stream`, undefined, true)
      return 'dropped'
    }
    try {
      if (countOnReturn) {
        out.write(text)
        written++
        remember(key)
        return 'kept'
      }
      out.write(text, (error) => {
        if (error) notKept(id, `Cannot write to the stream (${errorText(error)})`, error, true)
        else {
          written++
          remember(key)
        }
      })
      return 'kept'
    } catch (error) {
      notKept(id, `Cannot write to the stream (${errorText(error)})`, error, true)
      return 'dropped'
    }
  }

  const onStreamError = (error: Error) =>
    notKept(undefined, `Cannot write to the stream (${errorText(error)})`, error, false)
  stream?.on?.('error', onStreamError)

  return {
    get written() {
      return written
    },
    get dropped() {
      return dropped
    },
    get pending() {
      return waiting.length
    },
    get repeated() {
      return repeated
    },
    write(line, id, key) {
      let text: string | undefined
      try {
        text = line()
      } catch (error) {
        notKept(id, `Cannot make the line (${errorText(error)})`, error, true)
        return 'dropped'
      }
      if (text === undefined) return 'none'
      if (closed !== undefined) {
        notKept(id, `${where} is closed`, undefined, true)
        return 'dropped'
      }
      if (key !== undefined && seen.has(key)) {
        repeated++
        return 'repeat'
      }
      if (key !== undefined && waiting.some((each) => each.key === key)) {
        repeated++
        return 'pending'
      }
      return writeLine(text, id, key)
    },
    async reopen() {
      if (path === undefined || closed !== undefined) return
      try {
        switchTo(openAppendFile(path, mode))
      } catch (error) {
        emit(`Cannot reopen ${path} (${errorText(error)}); writing on to the file opened before`, error)
        return
      }
      drain()
    },
    close() {
      closed ??= (async () => {
        stream?.off?.('error', onStreamError)
        if (file === undefined) return
        const blocked = drain()
        stopRetrying()
        if (blocked !== undefined) {
          const why = `Cannot write to ${where} on close (${errorText(blocked.error)})`
          for (const each of waiting.splice(0)) notKept(each.id, why, blocked.error, true)
          waitingBytes = 0
        }
        closeFile(file.fd)
        file = undefined
        if (reportTimer !== undefined) clearTimeout(reportTimer)
        flushReport(false)
      })()
      return closed
    },
  }
}

function closeFile(fd: number): void {
  try {
    nodeFiles().fsyncSync(fd)
  } catch {}
  try {
    nodeFiles().closeSync(fd)
  } catch {}
}

function statOrUndefined(path: string): { ino: number; dev: number } | undefined {
  try {
    return nodeFiles().statSync(path)
  } catch {
    return undefined
  }
}

function lines(count: number): string {
  return count === 1 ? 'line' : 'lines'
}

function whole(name: string, value: number, prefixed: (text: string) => string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      prefixed(
        `${name} must be a whole number above 0, not ${typeof value === 'number' ? value : typeof value}.`,
      ),
    )
  }
  return value
}

function withNewlineFirst(bytes: Uint8Array): Uint8Array {
  const data = new Uint8Array(bytes.length + 1)
  data[0] = 0x0a
  data.set(bytes, 1)
  return data
}
