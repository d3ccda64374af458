import type { CliIo } from '../src/index.js'

/** A `CliIo` that keeps what the CLI writes, for a test to read back with `out()` and `err()`. */
export function memoryIo(stdin: CliIo['stdin'] = []): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin,
    out: () => out,
    err: () => err,
  }
}
