import { files } from '#platform'
import type { Files } from '../platform/platform.js'

/** Node's file functions, for a `{ path }` target; the Web build of the core has none, and says what to use. */
export function nodeFiles(): Files {
  if (files === undefined) {
    throw new Error(
      "[@blinger-webhooks/core] Writing to a file by `{ path }` needs Node's file system, which this runtime does not have: use `{ stream }` with an object that has `write(line)`, or `false`.",
    )
  }
  return files
}
