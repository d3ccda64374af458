import type { ServerResponse } from 'node:http'

/** Answers with a JSON body. Every API answer, error or not, goes through here. */
export function writeJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify(value))
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
