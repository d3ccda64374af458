import { messageFrom } from '@blinger-webhooks/core/internal'
import type { Redis } from 'ioredis'

const prefixed = messageFrom('redis')

/** The state of an ioredis client's connection, as the store needs it. */
export interface ConnectionWatch {
  /**
   * Resolves when the client is ready. Rejects at once while Redis is known to be down, or when the attempt
   * under way fails; with `wait`, waits up to that many ms for a reconnect instead.
   */
  ready(wait?: number): Promise<void>
  /** `: <message>` of the last connection error, or an empty string. */
  lastErrorText(): string
  /** Removes the listeners from the client. */
  stop(): void
}

/**
 * Follows a client's connection through its events, so commands are not sent while Redis is down. `'close'`
 * marks it down and `'ready'` up again; the first connection counts as up until it fails.
 */
export function watchConnection(client: Redis, options: { silenceErrors: boolean }): ConnectionWatch {
  let down = false
  let lastError: unknown
  let waiting: { promise: Promise<void>; reject: (error: Error) => void; resolve: () => void } | undefined

  const notReachable = () => new Error(prefixed(`Redis is not reachable${lastErrorText()}.`))
  const lastErrorText = () => (lastError instanceof Error ? `: ${lastError.message}` : '')

  const onReady = () => {
    down = false
    lastError = undefined
    waiting?.resolve()
    waiting = undefined
  }
  const onClose = () => {
    down = true
    waiting?.reject(notReachable())
    waiting = undefined
  }
  const onError = (error: unknown) => {
    lastError = error
  }
  client.on('ready', onReady)
  client.on('close', onClose)
  // A client the store opened reports through rejected claims; ioredis would also print every failed reconnect.
  // A client the user passed in keeps whatever error handling they gave it.
  if (options.silenceErrors) client.on('error', onError)

  /** One shared wait, so a burst of requests adds one pending promise, not one listener each. */
  const nextReady = (): Promise<void> => {
    if (waiting === undefined) {
      let resolve: () => void = () => {}
      let reject: (error: Error) => void = () => {}
      const promise = new Promise<void>((res, rej) => {
        resolve = res
        reject = rej
      })
      promise.catch(() => {}) // a rejection nobody awaits any more is expected
      waiting = { promise, resolve, reject }
      if (client.status === 'wait') client.connect().catch(() => {}) // lazyConnect; failures arrive as 'close'
    }
    return waiting.promise
  }

  return {
    ready(wait) {
      if (client.status === 'ready') return Promise.resolve()
      if (client.status === 'end') return Promise.reject(new Error(prefixed(`The Redis client is closed.`)))
      if (wait !== undefined) return waitForReady(client, wait)
      if (down) return Promise.reject(notReachable())
      return nextReady()
    },
    lastErrorText,
    stop() {
      client.off('ready', onReady)
      client.off('close', onClose)
      if (options.silenceErrors) client.off('error', onError)
      waiting?.reject(new Error(prefixed(`The store was closed.`)))
    },
  }
}

/** Resolves on the next 'ready' within `ms`, through reconnect attempts; rejects after `ms` or on 'end'. */
function waitForReady(client: Redis, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer)
      client.off('ready', onReady)
      client.off('end', onEnd)
      if (error === undefined) resolve()
      else reject(error)
    }
    const onReady = () => done()
    const onEnd = () => done(new Error(prefixed(`The Redis client is closed.`)))
    const timer = setTimeout(() => done(new Error(prefixed(`Redis did not come back within ${ms} ms.`))), ms)
    timer.unref()
    client.on('ready', onReady)
    client.on('end', onEnd)
  })
}
