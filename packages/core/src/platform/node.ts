import { isUtf8 } from 'node:buffer'
import { hash, timingSafeEqual as nodeTimingSafeEqual } from 'node:crypto'
import { channel, tracingChannel } from 'node:diagnostics_channel'
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { dirname, extname } from 'node:path'
import { channelNames } from '../diagnostics/channel-names.js'
import type { DeliveryContext, HandlersContext } from '../diagnostics/diagnostics-contexts.js'
import type { Platform } from './platform.js'

// The Node build of `#platform` (also Bun's): Node's own, fastest primitives, and every feature.

export const sha256: Platform['sha256'] = (data, encoding) => hash('sha256', data, encoding)
export const timingSafeEqual: Platform['timingSafeEqual'] = nodeTimingSafeEqual
export const byteLength: Platform['byteLength'] = (text) => Buffer.byteLength(text)
export const decodeUtf8: Platform['decodeUtf8'] = (bytes) =>
  isUtf8(bytes)
    ? (Buffer.isBuffer(bytes)
        ? bytes
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      ).toString('utf8')
    : undefined
export const afterTurn: Platform['afterTurn'] = (callback) => {
  setImmediate(callback)
}
export const concatBytes: Platform['concatBytes'] = (chunks, size) =>
  chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size)
/** Created once, so checking `hasSubscribers` is a property read. */
export const deliveryChannel: Platform['deliveryChannel'] = tracingChannel<unknown, DeliveryContext>(
  channelNames.delivery,
)
export const handlersChannel: Platform['handlersChannel'] = tracingChannel<unknown, HandlersContext>(
  channelNames.handlers,
)
export const alarmChannel: Platform['alarmChannel'] = channel(channelNames.alarm)
export const files: Platform['files'] = {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  dirname,
  extname,
}
