import { nodeFiles } from './node-files.js'

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
  nodeFiles().mkdirSync(nodeFiles().dirname(path), { recursive: true })
  const fd = nodeFiles().openSync(path, 'a', mode)
  try {
    const stat = nodeFiles().fstatSync(fd)
    if (!stat.isFile()) return { fd, regular: false, size: 0, torn: false }
    return { fd, regular: true, size: stat.size, torn: stat.size > 0 && !endsWithNewline(path, stat.size) }
  } catch (error) {
    nodeFiles().closeSync(fd)
    throw error
  }
}

// A file we may append to but not read is assumed torn: one blank line costs nothing (replay skips it),
// a glued line costs a letter.
function endsWithNewline(path: string, size: number): boolean {
  let fd: number | undefined
  try {
    fd = nodeFiles().openSync(path, 'r')
    const last = new Uint8Array(1)
    return nodeFiles().readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a
  } catch {
    return false
  } finally {
    if (fd !== undefined) nodeFiles().closeSync(fd)
  }
}
