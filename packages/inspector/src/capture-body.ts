import type { IncomingMessage } from 'node:http'

/** A copy of a request body, taken while the core pipeline reads it. */
export interface BodyCapture {
  /** The bytes copied, at most `max`. */
  bytes(): Buffer
  /** How many bytes the pipeline read, including any past `max`. */
  readonly size: number
  /** Stops copying. Call it once the pipeline has answered. */
  stop(): void
}

/**
 * Copies a request body as the core pipeline reads it, without ever reading it itself: the copy listener is
 * added only when the pipeline adds its own `data` listener. So the pipeline keeps its limit, its read timeout
 * and its status codes, and a request it refuses unread (401, 415) stays unread here too.
 */
export function captureBody(request: IncomingMessage, max: number): BodyCapture {
  const chunks: Buffer[] = []
  let kept = 0
  let size = 0

  const copy = (chunk: Buffer) => {
    size += chunk.length
    if (kept >= max) return
    const part = chunk.length > max - kept ? chunk.subarray(0, max - kept) : chunk
    chunks.push(part)
    kept += part.length
  }
  // `newListener` fires before the pipeline's listener is added, so the copy sees every chunk it does.
  const onNewListener = (event: string | symbol) => {
    if (event !== 'data') return
    request.off('newListener', onNewListener)
    request.on('data', copy)
  }
  request.on('newListener', onNewListener)

  return {
    bytes: () => (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, kept)),
    get size() {
      return size
    },
    stop() {
      request.off('newListener', onNewListener)
      request.off('data', copy)
    },
  }
}
