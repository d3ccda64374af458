import type { ServerResponse } from 'node:http'

/**
 * Answers with a JSON body. Every API answer, error or not, goes through here. The body is serialized before
 * the head is written: a value JSON.stringify cannot take (nested too deep, longer than a string may be) gets
 * a 500 with a short error, not a connection reset halfway through an answer.
 */
export function writeJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  let body: string
  try {
    body = JSON.stringify(value)
  } catch {
    writeJson(response, 500, {
      error: 'unserializable',
      message: 'This answer is too large or too deeply nested to send as JSON; ask for fewer (?limit=).',
    })
    return
  }
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .end(body)
}

/** Answers with the short error body every API failure has: `{ error, message }`. */
export function writeError(
  response: ServerResponse,
  status: number,
  error: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): void {
  writeJson(response, status, { error, message }, headers)
}
