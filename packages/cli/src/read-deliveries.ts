import { createReadStream } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { stripBom } from '@blinger-webhooks/core/internal'
import { CliError } from './cli-error.js'
import { describeFsError } from './read-input.js'
import { toPayload } from './to-payload.js'

/** One delivery to replay, or a line that cannot be one. */
export type ReplayItem =
  | {
      readonly source: string
      readonly payload: object
      /** A dead letter's `reason` (`failed`, …); `undefined` for a recorder line or a bare payload. */
      readonly reason?: string | undefined
      /** The account a recorder line or dead letter came from; `undefined` when it names none, or for a bare payload. */
      readonly account?: string | undefined
    }
  | { readonly source: string; readonly problem: string }

/** A file to replay, and its size when replay started: the bytes read, however much it grows meanwhile. */
export interface ReplayFile {
  readonly path: string
  readonly size: number
}

const jsonLike = new Set(['.ndjson', '.jsonl', '.json'])

/**
 * The files `replay` reads, with their sizes now: the file given, or a directory's `.ndjson`, `.jsonl` and
 * `.json` files (not recursive), sorted by name so date-stamped rotations replay in order.
 */
export async function listReplayFiles(path: string): Promise<ReplayFile[]> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}`)
  }
  if (!info.isDirectory()) return [{ path, size: info.size }]
  const names = (await readdir(path, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && jsonLike.has(extname(entry.name)))
    .map((entry) => entry.name)
    .sort()
  if (names.length === 0) throw new CliError(`${path} holds no .ndjson, .jsonl or .json file.`)
  const files: ReplayFile[] = []
  for (const name of names) {
    const file = join(path, name)
    try {
      files.push({ path: file, size: (await stat(file)).size })
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${describeFsError(error)}`)
    }
  }
  return files
}

/**
 * The deliveries in each file's first `size` bytes, streamed: a `.json` file is one JSON document (a payload,
 * a recorder line or an array of them); any other file is NDJSON, one per line, blank lines skipped. Lines are
 * read lazily, so a recording of any size replays in bounded memory; the size bound means replaying the file a
 * receiver is still appending to ends, rather than chasing the appends (its own replays' dead letters among them).
 */
export async function* readDeliveries(files: readonly ReplayFile[]): AsyncGenerator<ReplayItem> {
  for (const { path, size } of files) {
    if (size === 0) continue
    if (extname(path) === '.json') {
      const text = await readStart(path, size)
      const value = parseDocument(text)
      if (value === unparsable) yield* parseLines(path, text.split(/\r?\n/), !text.endsWith('\n'))
      else if (Array.isArray(value))
        for (const [index, each] of value.entries()) yield item(`${path}[${index}]`, each)
      else yield item(path, value)
      continue
    }
    const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: size - 1 })
    const opened = new Promise<void>((resolve, reject) =>
      stream.once('open', () => resolve()).once('error', reject),
    )
    let unterminated: boolean
    try {
      await opened
      unterminated = (await lastByte(path, size)) !== 0x0a
    } catch (error) {
      stream.destroy()
      throw new CliError(`Cannot read ${path}: ${describeFsError(error)}`)
    }
    yield* parseLines(
      path,
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }),
      unterminated,
    )
  }
}

/** The text of a file's first `size` bytes. */
async function readStart(path: string, size: number): Promise<string> {
  try {
    const handle = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(size)
      const { bytesRead } = await handle.read(buffer, 0, size, 0)
      return buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}`)
  }
}

async function lastByte(path: string, size: number): Promise<number | undefined> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(1)
    const { bytesRead } = await handle.read(buffer, 0, 1, size - 1)
    return bytesRead === 1 ? buffer[0] : undefined
  } finally {
    await handle.close()
  }
}

const unparsable = Symbol('unparsable')

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(stripBom(text))
  } catch {
    return unparsable // a `.json` file may hold NDJSON too
  }
}

/**
 * Each line's delivery, or its problem with its line number. The last line is held back one step, to say
 * when it is cut short: no newline after it, as a crash mid-write (or a write still under way) leaves it.
 */
async function* parseLines(
  file: string,
  lines: AsyncIterable<string> | Iterable<string>,
  unterminated: boolean,
): AsyncGenerator<ReplayItem> {
  let number = 0
  let held: string | undefined
  for await (const line of lines) {
    if (held !== undefined) yield* parseLine(file, number, held, false)
    number++
    held = line
  }
  if (held !== undefined) yield* parseLine(file, number, held, unterminated)
}

/** Where a recorder line or dead letter starts: both are written with `receivedAt` first. */
const letterStart = '{"receivedAt":'

function* parseLine(file: string, number: number, line: string, last: boolean): Generator<ReplayItem> {
  if (line.trim() === '') return
  const source = `${file}:${number}`
  const value = parseDocument(line)
  if (value !== unparsable) {
    yield item(source, value)
    return
  }
  // A letter torn by a crash mid-write, with the next process's first letter appended to it on the same line:
  // the torn one is lost, the glued one is whole and is replayed (`file:line:column`).
  for (let at = line.indexOf(letterStart, 1); at > 0; at = line.indexOf(letterStart, at + 1)) {
    const glued = parseDocument(line.slice(at))
    if (glued === unparsable) continue
    yield { source, problem: 'not valid JSON: a letter cut short, with the next one glued to it' }
    yield item(`${source}:${at + 1}`, glued)
    return
  }
  yield {
    source,
    problem: last
      ? 'not valid JSON: the last line, cut short (a crash mid-write, or a write still under way)'
      : 'not valid JSON',
  }
}

function item(source: string, value: unknown): ReplayItem {
  const payload = toPayload(value)
  if (payload === undefined) return { source, problem: 'not a JSON object' }
  if (payload === value) return { source, payload }
  const { reason, account } = value as { reason?: unknown; account?: unknown }
  if (account !== undefined && typeof account !== 'string')
    return { source, problem: 'its account is not a valid account name' }
  return {
    source,
    payload,
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(account === undefined ? {} : { account }),
  }
}
