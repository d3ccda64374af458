import type { SendResult } from './delivery-types.js'

/** How `sendToTarget` sends. */
export interface SendOptions {
  /** Milliseconds to wait for the response before giving up. */
  readonly timeout: number
  /** Aborts the send, e.g. when the inspector closes. */
  readonly signal?: AbortSignal | undefined
  /** The Content-Type sent. @default 'application/json' */
  readonly contentType?: string | undefined
}

const maxBodyShown = 4096

/**
 * POSTs a body to a target app and reports what came back. It never throws: a refused connection, a timeout
 * or an abort is a result with `status: null` and an `error`, since the page shows it like any other answer.
 */
export async function sendToTarget(
  target: URL,
  body: string | Uint8Array,
  options: SendOptions,
): Promise<SendResult> {
  const at = new Date().toISOString()
  const started = performance.now()
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10
  const timeout = AbortSignal.timeout(options.timeout)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal])
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'user-agent': '@blinger-webhooks/inspector',
      },
      body,
      // A redirect is an answer worth seeing, not something to follow with the payload.
      redirect: 'manual',
      signal,
    })
    const ms = elapsed()
    return {
      target: target.href,
      status: response.status,
      ms,
      body: await readStart(response),
      error: null,
      at,
    }
  } catch (error) {
    return {
      target: target.href,
      status: null,
      ms: elapsed(),
      body: '',
      error: describe(error, timeout, options),
      at,
    }
  }
}

/** Reads at most `maxBodyShown` bytes of the body, then cancels the rest: a target may answer with anything. */
async function readStart(response: Response): Promise<string> {
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < maxBodyShown) {
      const step = await reader.read()
      if (step.done) break
      chunks.push(step.value)
      size += step.value.byteLength
    }
  } catch {
    // The target hung up mid-body: show what came.
  } finally {
    reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text.length > maxBodyShown ? `${text.slice(0, maxBodyShown)}…` : text
}

function describe(error: unknown, timeout: AbortSignal, options: SendOptions): string {
  if (timeout.aborted) return `No answer within ${options.timeout} ms.`
  if (options.signal?.aborted === true) return 'Cancelled: the inspector is closing.'
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  if (cause?.code === 'ECONNREFUSED') return 'Connection refused: is the app running on that port?'
  if (cause?.message === 'bad port')
    return 'fetch refuses this port (a "bad port" in the Fetch standard): use another.'
  if (typeof cause?.code === 'string')
    return typeof cause.message === 'string' ? `${cause.code}: ${cause.message}` : cause.code
  if (typeof cause?.message === 'string') return cause.message
  return error instanceof Error ? error.message : String(error)
}
