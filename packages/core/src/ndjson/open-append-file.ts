import { closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs'
import { dirname } from 'node:path'

/** A file opened for appending, and what it held when opened. */
export interface AppendFile {
  readonly fd: number
  /** A regular file: only those are measured, checked for a torn last line and rotated (not `/dev/full`, a FIFO). */
  readonly regular: boolean
  /** Its size when opened, in bytes; 0 for anything but a regular file. */
  readonly size: number
  /** Non-empty and its last byte is not a newline: a crash tore its last line, and the next line must not join it. */
  readonly torn: boolean
}

/**
 * Creates the folder of `path` if missing and opens `path` for appending, a new file with `mode`. Throws the
 * system error (`ENOTDIR`, `EACCES`, `EROFS`…) as it is: the caller names the path it was configured with.
 */
export function openAppendFile(path: string, mode: number): AppendFile {
  mkdirSync(dirname(path), { recursive: true })
  const fd = openSync(path, 'a', mode)
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { fd, regular: false, size: 0, torn: false }
    return { fd, regular: true, size: stat.size, torn: stat.size > 0 && !endsWithNewline(path, stat.size) }
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

// A file we may append to but not read is assumed torn: one blank line costs nothing (replay skips it),
// a glued line costs a letter.
function endsWithNewline(path: string, size: number): boolean {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const last = Buffer.alloc(1)
    return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
