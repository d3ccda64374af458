import type { Channel, TracingChannel } from 'node:diagnostics_channel'
import type * as fs from 'node:fs'
import type * as path from 'node:path'
import type { DeliveryContext, HandlersContext } from '../diagnostics/diagnostics-contexts.js'

/**
 * What the core needs from its runtime, with one implementation per platform: `node.ts` (Node, Bun, and any
 * runtime without a Web condition) and `web.ts` (workerd, Vercel Edge, Deno, browsers), chosen by the
 * `#platform` import's conditions in package.json. Nothing else in the core imports a `node:` module at run time.
 */
export interface Platform {
  /** The sha256 of UTF-8 text or bytes. */
  sha256(data: Uint8Array | string, encoding: 'hex' | 'base64'): string
  /** Compares two byte arrays of the same length in a time that does not depend on where they differ. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean
  /** The length of `text` in UTF-8. */
  byteLength(text: string): number
  /** The bytes as text, or `undefined` when they are not valid UTF-8. */
  decodeUtf8(bytes: Uint8Array): string | undefined
  /** Runs `callback` once the current event-loop turn ends: `setImmediate` where there is one. */
  afterTurn(callback: () => void): void
  /** The chunks as one array of `size` bytes. */
  concatBytes(chunks: readonly Uint8Array[], size: number): Uint8Array
  /** The diagnostics_channel tracing channels; `undefined` where there is no `node:diagnostics_channel`. */
  readonly deliveryChannel: TracingChannel<unknown, DeliveryContext> | undefined
  readonly handlersChannel: TracingChannel<unknown, HandlersContext> | undefined
  /** The plain channel alarms are published on; `undefined` where there is no `node:diagnostics_channel`. */
  readonly alarmChannel: Channel | undefined
  /** The synchronous file functions dead-letter and recorder files use; `undefined` where there is no file system. */
  readonly files: Files | undefined
}

/** Node's synchronous file functions, and the two path functions, that an NDJSON file needs. */
export interface Files {
  readonly closeSync: typeof fs.closeSync
  readonly existsSync: typeof fs.existsSync
  readonly fstatSync: typeof fs.fstatSync
  readonly fsyncSync: typeof fs.fsyncSync
  readonly linkSync: typeof fs.linkSync
  readonly mkdirSync: typeof fs.mkdirSync
  readonly openSync: typeof fs.openSync
  readonly readSync: typeof fs.readSync
  readonly renameSync: typeof fs.renameSync
  readonly statSync: typeof fs.statSync
  readonly unlinkSync: typeof fs.unlinkSync
  readonly writeSync: typeof fs.writeSync
  readonly dirname: typeof path.dirname
  readonly extname: typeof path.extname
}
