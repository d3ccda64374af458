import { readFile } from 'node:fs/promises'
import { stripBom } from '@blinger-webhooks/core/internal'
import { CliError } from './cli-error.js'
import type { CliIo } from './cli-io.js'

/** The text of a file, or of stdin for `-`. An unreadable file is a one-line `CliError` (exit 2). */
export async function readInput(path: string, io: CliIo): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of io.stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
    return Buffer.concat(chunks).toString('utf8')
  }
  return readTextFile(path)
}

/** The text of a file. An unreadable file is a one-line `CliError` (exit 2). */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}`)
  }
}

/** `no such file` rather than `ENOENT: no such file or directory, open '/long/path'`. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}

/** Parses JSON, or throws a one-line `CliError` (exit 2) naming where the text came from. */
export function parseJsonInput(text: string, source: string): unknown {
  try {
    return JSON.parse(stripBom(text))
  } catch (error) {
    throw new CliError(
      `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
