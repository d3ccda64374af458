/** The Lua script that makes `wrk` send a `LoadRequest`. */
import { counterDigits, type LoadRequest } from './load-request.js'

/**
 * A Lua string literal holding exactly `bytes`: printable ASCII as itself, every other byte (and `"`, `\`) as a
 * three-digit `\ddd` escape, so UTF-8 and control bytes survive and a digit after an escape is never read into it.
 */
export function luaString(bytes: Uint8Array | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes
  let out = '"'
  for (const byte of buffer) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x22 && byte !== 0x5c
    out += printable ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`
  }
  return `${out}"`
}

function luaHeaders(headers: Readonly<Record<string, string>>): string {
  const fields = Object.entries(headers).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
  return `{ ${fields.join(', ')} }`
}

/**
 * The script for `wrk -s`. A fixed body is a static request, which wrk builds once. A body with a counter is
 * split around it: `request()` joins head, the counter (10 digits, zero-padded) and tail on every request. The
 * counter starts at the script's first argument (`wrk … URL -- <start>`), so runs one after another continue
 * it instead of resending bodies the server's dedupe store has seen. It lives in the thread's Lua state: run
 * it with `-t1`, or two threads would send the same bodies.
 */
export function wrkScript(request: LoadRequest): string {
  const lines = ['-- Written by bench/src/wrk-script.ts.']
  if (request.counterAt === undefined) {
    lines.push(
      `wrk.method = ${luaString(request.method)}`,
      `wrk.path = ${luaString(request.path)}`,
      ...Object.entries(request.headers).map(
        ([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`,
      ),
      `wrk.body = ${luaString(request.body)}`,
    )
    return `${lines.join('\n')}\n`
  }
  const at = request.counterAt
  lines.push(
    `local method = ${luaString(request.method)}`,
    `local path = ${luaString(request.path)}`,
    `local headers = ${luaHeaders(request.headers)}`,
    `local head = ${luaString(request.body.subarray(0, at))}`,
    `local tail = ${luaString(request.body.subarray(at + counterDigits))}`,
    'local counter = 0',
    'function init(args)',
    '  counter = tonumber(args[1]) or 0',
    'end',
    'function request()',
    '  counter = counter + 1',
    `  local digits = string.format("%0${counterDigits}d", counter % ${10 ** counterDigits})`,
    '  return wrk.format(method, path, headers, head .. digits .. tail)',
    'end',
  )
  return `${lines.join('\n')}\n`
}
