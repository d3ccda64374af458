import type { Platform } from './platform.js'
import { sha256Bytes } from './sha256-bytes.js'

// The Web build of `#platform`, for runtimes without Node's built-ins (workerd without `nodejs_compat`, Vercel
// Edge, Deno Deploy, browsers): Web APIs and pure functions only. No diagnostics channels, no file system.

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

export const sha256: Platform['sha256'] = (data, encoding) => {
  const digest = sha256Bytes(typeof data === 'string' ? encoder.encode(data) : data)
  if (encoding === 'base64') return btoa(String.fromCharCode(...digest))
  let hex = ''
  for (const byte of digest) hex += hexDigits[byte]
  return hex
}

export const timingSafeEqual: Platform['timingSafeEqual'] = (a, b) => {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length')
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number)
  return difference === 0
}

export const byteLength: Platform['byteLength'] = (text) => {
  let length = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) length += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      // A surrogate pair: 4 bytes for 2 code units. A lone surrogate becomes U+FFFD, 3 bytes.
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 2
        i++
      } else length += 2
    } else length += 2
  }
  return length
}

export const decodeUtf8: Platform['decodeUtf8'] = (bytes) => {
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}

// Workers and browsers have no `setImmediate`; a zero timeout also runs after the current turn.
export const afterTurn: Platform['afterTurn'] = (callback) => {
  setTimeout(callback, 0)
}

export const concatBytes: Platform['concatBytes'] = (chunks, size) => {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

export const deliveryChannel: Platform['deliveryChannel'] = undefined
export const handlersChannel: Platform['handlersChannel'] = undefined
export const alarmChannel: Platform['alarmChannel'] = undefined

export const files: Platform['files'] = undefined
