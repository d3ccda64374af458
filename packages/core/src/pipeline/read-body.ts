import type { Readable } from 'node:stream'
import { concatBytes } from '#platform'
import type { BodyStream } from './handle-types.js'
import { type LazyTimeout, lazyTimeout } from './lazy-timeout.js'

/** What reading a body gave: the bytes, or why there are none. */
export type ReadResult =
  | { readonly kind: 'ok'; readonly body: Uint8Array }
  | { readonly kind: 'too-large' | 'timeout' | 'aborted' | 'consumed' }

const tooLarge = { kind: 'too-large' } as const
const timedOut = { kind: 'timeout' } as const
const aborted = { kind: 'aborted' } as const
const consumed = { kind: 'consumed' } as const

/**
 * Reads a body stream into one Buffer. It stops at `limit` bytes and at `timeoutMs` (a slow sender), and
 * buffers nothing past either: the caller answers and closes the connection, which discards the rest.
 */
export function readBody(stream: BodyStream, limit: number, timeoutMs: number): Promise<ReadResult> {
  if (stream.readableEnded === true) return Promise.resolve(consumed)
  return isNodeReadable(stream)
    ? readNodeStream(stream, limit, timeoutMs)
    : readIterable(stream, limit, timeoutMs)
}

function isNodeReadable(stream: BodyStream): stream is BodyStream & Readable {
  return (
    typeof (stream as Partial<Readable>).on === 'function' &&
    typeof (stream as Partial<Readable>).pause === 'function'
  )
}

// Events, not `for await`: leaving a `for await` early destroys a Node request, and with it the socket
// the 413 must still be written to. The listeners stay on the stream once the read is over (a `done` flag
// makes them no-ops): four `off` calls per request cost more than a late `'close'` calling one of them, and a
// request is garbage soon after its answer.
function readNodeStream(stream: Readable, limit: number, timeoutMs: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    let chunks: Uint8Array[] = []
    let size = 0
    let done = false
    const finish = (result: ReadResult) => {
      if (done) return
      done = true
      chunks = noChunks // what the closures still hold after the read: nothing of the body
      timeout.cancel()
      resolve(result)
    }
    const onData = (chunk: Uint8Array) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        stream.pause()
        finish(tooLarge)
      } else chunks.push(chunk)
    }
    const onEnd = () => finish({ kind: 'ok', body: concatBytes(chunks, size) })
    const onAbort = () => finish(aborted)
    const timeout = lazyTimeout(timeoutMs, () => {
      stream.pause()
      finish(timedOut)
    })
    stream.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort)
  })
}

const noChunks: Uint8Array[] = []

async function readIterable(stream: BodyStream, limit: number, timeoutMs: number): Promise<ReadResult> {
  const iterator = stream[Symbol.asyncIterator]()
  const chunks: Uint8Array[] = []
  let size = 0
  let timeout: LazyTimeout | undefined
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timeout = lazyTimeout(timeoutMs, () => resolve(timedOut))
  })
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), deadline])
      if ('kind' in step) return step
      if (step.done === true) return { kind: 'ok', body: concatBytes(chunks, size) }
      size += step.value.byteLength
      if (size > limit) return tooLarge
      chunks.push(step.value)
    }
  } catch {
    return aborted
  } finally {
    timeout?.cancel()
    // Cancels a web stream; what was not read is never buffered.
    iterator.return?.().catch(() => {})
  }
}
