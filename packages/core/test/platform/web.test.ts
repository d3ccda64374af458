import { describe, expect, test } from 'vitest'
import * as node from '../../src/platform/node.js'
import * as web from '../../src/platform/web.js'

// The Web build of `#platform` must give what the Node build gives, byte for byte: a delivery id computed on a
// Worker is the id a Node receiver (or a queue fed by both) dedupes on.

const texts = [
  '',
  'abc',
  'x'.repeat(55),
  'x'.repeat(56),
  'x'.repeat(64),
  'x'.repeat(1000),
  'Привет, мир',
  '😀 and a lone \uD800 surrogate \uDC00',
  '\uFEFF{"a":1}',
  '{"webhook":"on_new_user"}'.repeat(5000),
]

describe('the Web build of #platform', () => {
  test('sha256 gives Node’s hex and base64 for text and bytes', () => {
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text)
      for (const encoding of ['hex', 'base64'] as const) {
        expect(web.sha256(text, encoding)).toBe(node.sha256(text, encoding))
        expect(web.sha256(bytes, encoding)).toBe(node.sha256(bytes, encoding))
      }
    }
  })

  test('byteLength is Buffer.byteLength, lone surrogates included', () => {
    for (const text of texts) expect(web.byteLength(text)).toBe(node.byteLength(text))
  })

  test('decodeUtf8 keeps a BOM, and gives undefined for invalid UTF-8, as the Node build does', () => {
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text)
      expect(web.decodeUtf8(bytes)).toBe(node.decodeUtf8(bytes))
    }
    for (const invalid of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x7b, 0x80, 0x7d]]) {
      expect(web.decodeUtf8(new Uint8Array(invalid))).toBeUndefined()
      expect(node.decodeUtf8(new Uint8Array(invalid))).toBeUndefined()
    }
  })

  test('timingSafeEqual and concatBytes', () => {
    const a = new TextEncoder().encode('same-token')
    expect(web.timingSafeEqual(a, new TextEncoder().encode('same-token'))).toBe(true)
    expect(web.timingSafeEqual(a, new TextEncoder().encode('same-tokeN'))).toBe(false)
    expect(() => web.timingSafeEqual(a, new Uint8Array(3))).toThrow(RangeError)
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])]
    expect(web.concatBytes(chunks, 6)).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]))
  })

  test('no file system and no diagnostics channels (a file by { path } fails at creation: web-platform.test.ts)', () => {
    expect(web.files).toBeUndefined()
    expect(web.deliveryChannel).toBeUndefined()
    expect(web.handlersChannel).toBeUndefined()
  })
})
