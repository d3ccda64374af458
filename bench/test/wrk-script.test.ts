import { describe, expect, test } from 'vitest'
import type { LoadRequest } from '../src/load-request.js'
import { luaString, wrkScript } from '../src/wrk-script.js'

/** Reads back the only escapes `luaString` writes: `\ddd`, three decimal digits. */
function decodeLua(literal: string): Buffer {
  expect(literal).toMatch(/^"[^"]*"$/)
  const bytes: number[] = []
  const body = literal.slice(1, -1)
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      bytes.push(Number(body.slice(i + 1, i + 4)))
      i += 3
    } else bytes.push(body.charCodeAt(i))
  }
  return Buffer.from(bytes)
}

describe('luaString', () => {
  test('every byte survives, written as printable ASCII only', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const literal = luaString(all)
    expect(literal).toMatch(/^[\x20-\x7e]+$/)
    expect(decodeLua(literal).equals(all)).toBe(true)
  })

  test('quotes, backslashes and non-ASCII bytes become three-digit escapes, so a digit after one stays a digit', () => {
    expect(luaString('a"b\\c')).toBe('"a\\034b\\092c"')
    expect(luaString('–1')).toBe('"\\226\\128\\1471"')
    expect(luaString('\n7')).toBe('"\\0107"')
  })
})

const body = Buffer.from('{"title":"Blinger – Messengers","token":"x-0000000000","n":1}')
const counted: LoadRequest = {
  method: 'POST',
  path: '/webhooks/blinger?token=t',
  headers: { 'content-type': 'application/json' },
  body,
  counterAt: body.indexOf('0000000000'),
}

describe('wrkScript', () => {
  test('a fixed body is a static request: wrk builds it once', () => {
    const { counterAt: _, ...fixed } = counted
    const script = wrkScript({ ...fixed, headers: { 'x-hub-signature-256': 's"1' } })
    expect(script).not.toContain('function request')
    expect(script).toContain('wrk.method = "POST"')
    expect(script).toContain('wrk.path = "/webhooks/blinger?token=t"')
    expect(script).toContain('wrk.headers["x-hub-signature-256"] = "s\\0341"')
    const literal = /^wrk\.body = (".*")$/m.exec(script)?.[1] ?? ''
    expect(decodeLua(literal).equals(body)).toBe(true)
  })

  test('a counted body is split around its 10 digits and joined with a zero-padded counter per request', () => {
    const script = wrkScript(counted)
    const head = decodeLua(/^local head = (".*")$/m.exec(script)?.[1] ?? '')
    const tail = decodeLua(/^local tail = (".*")$/m.exec(script)?.[1] ?? '')
    const at = counted.counterAt ?? 0
    expect(head.equals(body.subarray(0, at))).toBe(true)
    expect(tail.equals(body.subarray(at + 10))).toBe(true)
    expect(script).toContain('local headers = { ["content-type"] = "application/json" }')
    expect(script).toContain('string.format("%010d", counter % 10000000000)')
    expect(script).toContain('return wrk.format(method, path, headers, head .. digits .. tail)')
  })

  test('the counter starts where the run says (its first argument), so runs one after another continue it', () => {
    expect(wrkScript(counted)).toMatch(/function init\(args\)\n {2}counter = tonumber\(args\[1\]\) or 0\nend/)
  })
})
