import type { IncomingMessage } from 'node:http'

/** A parsed API request body, or the error to answer with. */
export type JsonBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: number; readonly error: string; readonly message: string }

/**
 * Reads the small JSON body of an API request (not a webhook: those go through the core pipeline).
 * An empty body is `{}`. Past `limit` bytes it stops reading and answers 413.
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<JsonBody> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      return {
        ok: false,
        status: 413,
        error: 'payload_too_large',
        message: `The body is larger than ${limit} bytes.`,
      }
    }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks, size).toString('utf8').trim()
  if (text === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, status: 400, error: 'invalid_json', message: 'The body is not valid JSON.' }
  }
}
