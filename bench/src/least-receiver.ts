/**
 * The gauge's `least` rung: the least a receiver can do and still keep what our frame keeps
 * (`docs/performance.md`, "The frame"), written inline with none of core's structure, so the gauge can read our
 * frame against a floor instead of against the bare route alone. Kept: a byte limit and a read timeout on the body,
 * the abort when the sender goes away, strict UTF-8, `JSON.parse`, the poison-key check, and an event object that
 * holds no closure over the request, whose lazy id stays an own key (as `docs/events.md` promises for
 * `{ ...event }`), emitted by name; the answer from the body's end. Left out, being options or features: the
 * token, validation, dedupe, dead letters, telemetry; and no promise, no pipeline object, no step functions.
 */
import { isUtf8 } from 'node:buffer'
import { EventEmitter } from 'node:events'
import type { IncomingMessage } from 'node:http'

const mayHoldPoisonKey = /proto|\\u00/
const names = new Map([['on_message_incoming', 'message.incoming']])
const lazyId: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LeastEvent) {
    return this.body.length.toString(16)
  },
}

class LeastEvent {
  declare readonly id: string
  constructor(
    readonly body: Buffer,
    readonly name: string,
    readonly payload: { webhook: string },
    readonly receivedAt: Date,
  ) {
    Object.defineProperty(this, 'id', lazyId)
  }
}

/** The status to answer: 200, or why not (413, 400, 408). */
export type LeastStatus = 200 | 400 | 408 | 413
export type LeastAnswer = (status: LeastStatus) => void

/**
 * A receiver that reads `req` and calls `answer` once. Read timeouts are swept once a second over the reads in
 * flight (a `Set` add and delete per request), the cheapest timeout that needs no timer per request.
 */
export function leastReceiver(limit = 1_048_576, timeoutSeconds = 10) {
  const emitter = new EventEmitter()
  const reading = new Set<{ due: number; expire(): void }>()
  let now = 0
  setInterval(() => {
    now++
    for (const read of reading) if (read.due <= now) read.expire()
  }, 1000).unref()

  function read(req: IncomingMessage, answer: LeastAnswer): void {
    let chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (status: LeastStatus) => {
      if (done) return
      done = true
      reading.delete(pending)
      if (status !== 200) {
        req.pause()
        answer(status)
        return
      }
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)
      chunks = []
      if (!isUtf8(body)) return answer(400)
      let payload: { webhook: string }
      try {
        const text = body.toString('utf8')
        payload = JSON.parse(text)
        if (mayHoldPoisonKey.test(text)) return answer(400)
      } catch {
        return answer(400)
      }
      const name = names.get(payload.webhook) ?? 'unknown'
      emitter.emit(name, new LeastEvent(body, name, payload, new Date()))
      answer(200)
    }
    const pending = { due: now + timeoutSeconds, expire: () => finish(408) }
    reading.add(pending)
    req
      .on('data', (chunk: Buffer) => {
        if (done) return
        size += chunk.length
        if (size > limit) finish(413)
        else chunks.push(chunk)
      })
      .on('end', () => finish(200))
      .on('error', () => finish(400))
      .on('close', () => finish(400))
  }
  return { emitter, read }
}
