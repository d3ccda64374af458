import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { stripBom } from '@blinger-webhooks/core/adapter'
import { CliError } from './cli-error.js'
import { describeFsError, readTextFile } from './read-input.js'
import { toPayload } from './to-payload.js'

/** One delivery to replay, or a line that cannot be one. */
export type ReplayItem =
  | {
      readonly source: string
      readonly payload: object
      /** A dead letter's `reason` (`failed`, …); `undefined` for a recorder line or a bare payload. */
      readonly reason?: string | undefined
    }
  | { readonly source: string; readonly problem: string }

const jsonLike = new Set(['.ndjson', '.jsonl', '.json'])

/**
 * The files `replay` reads: the file given, or a directory's `.ndjson`, `.jsonl` and `.json` files (not
 * recursive), sorted by name so date-stamped rotations replay in order.
 */
export async function listReplayFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}`)
  }
  if (!info.isDirectory()) return [path]
  const files = (await readdir(path, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && jsonLike.has(extname(entry.name)))
    .map((entry) => entry.name)
    .sort()
  if (files.length === 0) throw new CliError(`${path} holds no .ndjson, .jsonl or .json file.`)
  return files.map((file) => join(path, file))
}

/**
 * The deliveries in each file, streamed: a `.json` file is one JSON document (a payload, a recorder line or an
 * array of them); any other file is NDJSON, one per line, blank lines skipped. Lines are read lazily, so a
 * recording of any size replays in bounded memory.
 */
export async function* readDeliveries(files: readonly string[]): AsyncGenerator<ReplayItem> {
  for (const file of files) {
    if (extname(file) === '.json') {
      const text = await readTextFile(file)
      const value = parseDocument(text)
      if (value === unparsable) yield* parseLines(file, text.split(/\r?\n/))
      else if (Array.isArray(value))
        for (const [index, each] of value.entries()) yield item(`${file}[${index}]`, each)
      else yield item(file, value)
      continue
    }
    const stream = createReadStream(file, { encoding: 'utf8' })
    const opened = new Promise<void>((resolve, reject) =>
      stream.once('open', () => resolve()).once('error', reject),
    )
    try {
      await opened
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${describeFsError(error)}`)
    }
    yield* parseLines(file, createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }))
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

async function* parseLines(
  file: string,
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<ReplayItem> {
  let number = 0
  for await (const line of lines) {
    number++
    if (line.trim() === '') continue
    const value = parseDocument(line)
    yield value === unparsable
      ? { source: `${file}:${number}`, problem: 'not valid JSON' }
      : item(`${file}:${number}`, value)
  }
}

function item(source: string, value: unknown): ReplayItem {
  const payload = toPayload(value)
  if (payload === undefined) return { source, problem: 'not a JSON object' }
  const reason = payload === value ? undefined : (value as { reason?: unknown }).reason
  return typeof reason === 'string' ? { source, payload, reason } : { source, payload }
}
