import { Readable } from 'node:stream'
import type { HandleRequest } from '../src/adapter.js'
import { createReceiver, type ReceiverOptions } from '../src/index.js'

export const token = 'test-token-0123456789'

/** A receiver with the test token and any other options. */
export function receiverWith(options: Partial<ReceiverOptions> = {}) {
  return createReceiver({ token, ...options })
}

/** A POST of `body` (JSON-encoded unless a string or Buffer) as a raw stream, authenticated by query. */
export function post(body: unknown, extra: Partial<HandleRequest> = {}): HandleRequest {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)
  return {
    method: 'POST',
    url: `/webhooks/blinger?token=${token}`,
    headers: { 'content-type': 'application/json' },
    stream: Readable.from([Buffer.from(raw)]),
    ...extra,
  }
}

export function parsed(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>
}

/** A `deadLetters` stream that keeps each line, parsed. */
export function letterStream() {
  const letters: Record<string, unknown>[] = []
  return {
    letters,
    write(line: string, callback?: (error?: Error | null) => void) {
      letters.push(JSON.parse(line) as Record<string, unknown>)
      callback?.()
      return true
    },
  }
}
