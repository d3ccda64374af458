import { randomUUID } from 'node:crypto'
import type { DedupeStore } from '@blinger-webhooks/core'
import { describeGiven, messageFrom } from '@blinger-webhooks/core/internal'
import type { Redis } from 'ioredis'
import { connectRedis, type RedisConnection } from './connect-redis.js'
import { watchConnection } from './watch-connection.js'

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /**
   * Where Redis is: a `redis://` URL or ioredis options (the store then opens its own fail-fast client, see
   * `connectRedis`), or an ioredis client you own, used as it is and never closed by the store.
   * @default 'redis://127.0.0.1:6379'
   */
  connection?: RedisConnection | Redis
  /** Put before every delivery id to form its key. Give each application its own. @default 'blinger-webhooks:dedupe:' */
  keyPrefix?: string
  /**
   * Milliseconds a claim or release may take, including the wait for the first connection; then it rejects
   * and the receiver answers 503. While Redis is known to be down, they reject at once. Keep it below the
   * receiver's `dedupe.timeout` (5 s by default). @default 1000
   */
  timeout?: number
}

/** A dedupe store on Redis. Its methods always answer with a promise. */
export interface RedisStore extends DedupeStore {
  claim(id: string, ttlMs: number): Promise<boolean>
  release(id: string): Promise<void>
  extend(id: string, ttlMs: number): Promise<boolean>
  /**
   * Marks a claimed `id` as done (its delivery was handled, or stored for later) and keeps it for `ttlMs`:
   * `true` when it was claimed, `false` (and nothing marked) when it was free or expired. Queue mode calls it
   * once the job is stored, so that a retry can tell a stored delivery from one whose first copy is still on
   * the wire, or was lost with its receiver.
   */
  confirm(id: string, ttlMs: number): Promise<boolean>
  /** `free` (no claim), `held` (claimed, not confirmed yet) or `done` (confirmed). */
  stateOf(id: string): Promise<ClaimState>
  /** The ioredis client the store uses. */
  readonly client: Redis
  /** Closes the client if the store opened it; a client you passed in is left open. */
  close(): Promise<void>
}

/** Where a claim stands: see `RedisStore.stateOf`. */
export type ClaimState = 'free' | 'held' | 'done'

const prefixed = messageFrom('redis')

/** The value of a confirmed claim; a claim not confirmed yet holds its random token (a UUID). */
const doneValue = 'done'

// Deletes the key only if it still holds this claim's token: never another receiver's claim.
const deleteIfOwn =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"

/** How long a claim that may have reached Redis keeps trying to undo itself once Redis is back. */
const undoWindow = 60_000

/**
 * Creates a dedupe store on Redis, shared by every receiver that uses the same Redis and key prefix: `SET key
 * token NX PX ttl` claims an id, `PEXPIRE` (`SET … XX PX` without rewriting the value) extends it, `DEL` releases
 * it. It behaves like core's in-memory store and passes the same
 * conformance suite.
 * @example
 * import { createReceiver } from '@blinger-webhooks/core'
 * import { createRedisStore } from '@blinger-webhooks/redis'
 * const store = createRedisStore({ connection: process.env.REDIS_URL })
 * const receiver = createReceiver({ token: process.env.BLINGER_TOKEN, dedupe: { store } })
 */
export function createRedisStore(options: RedisStoreOptions = {}): RedisStore {
  const keyPrefix = options.keyPrefix ?? 'blinger-webhooks:dedupe:'
  const timeout = options.timeout ?? 1000
  if (typeof keyPrefix !== 'string') throw new TypeError(prefixed(`keyPrefix must be a string.`))
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new RangeError(prefixed(`timeout must be a positive number, got ${describeGiven(timeout)}.`))

  const given = options.connection
  const owned = !isClient(given)
  const client = isClient(given) ? given : connectRedis(given)
  const connection = watchConnection(client, { silenceErrors: owned })

  /**
   * Runs `command` once Redis is ready, within `timeout` ms in all. `undo` runs, once, when the command was sent
   * but its answer was lost or came too late: it may have changed Redis all the same.
   */
  const withinTimeout = async <T>(what: string, command: () => Promise<T>, undo?: () => void): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let sent = false
    let expired = false
    let undone = false
    const undoOnce = () => {
      if (undone || undo === undefined) return
      undone = true
      undo()
    }
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true
        if (sent) undoOnce()
        const why = sent ? 'did not answer' : `was not reachable${connection.lastErrorText()}`
        reject(new Error(prefixed(`Redis ${why} within ${timeout} ms (${what}).`)))
      }, timeout)
    })
    const run = async () => {
      await connection.ready()
      if (expired) throw new Error(prefixed(`Not sent: the ${what} had already timed out.`)) // the caller has its answer
      sent = true
      try {
        return await command()
      } catch (cause) {
        undoOnce()
        throw cause
      }
    }
    try {
      return await Promise.race([run(), deadline])
    } catch (cause) {
      if (cause instanceof Error && cause.message.startsWith(prefixed(''))) throw cause
      throw new Error(
        prefixed(`Redis failed a ${what}: ${cause instanceof Error ? cause.message : String(cause)}`),
        { cause },
      )
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    client,
    async claim(id, ttlMs) {
      const key = keyPrefix + id
      const token = randomUUID()
      // A claim that timed out or lost its reply may still have set the key, which would mark as seen a delivery
      // that was answered 503. Commands on one connection run in order, so this delete runs after that SET.
      const undo = () => {
        connection
          .ready(undoWindow)
          .then(() => client.eval(deleteIfOwn, 1, key, token))
          .catch(() => {}) // Redis stayed away: the key, if any, expires with its TTL
      }
      const reply = await withinTimeout(
        'claim',
        () => client.set(key, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'),
        undo,
      )
      return reply === 'OK'
    },
    async release(id) {
      await withinTimeout('release', () => client.del(keyPrefix + id))
    },
    async extend(id, ttlMs) {
      // PEXPIRE only touches a key that exists: an expired or released claim stays free.
      const reply = await withinTimeout('extend', () =>
        client.pexpire(keyPrefix + id, Math.max(1, Math.ceil(ttlMs))),
      )
      return reply === 1
    },
    async confirm(id, ttlMs) {
      // XX: like PEXPIRE, only a claim that still exists is marked; the token is no longer needed once done.
      const reply = await withinTimeout('confirm', () =>
        client.set(keyPrefix + id, doneValue, 'PX', Math.max(1, Math.ceil(ttlMs)), 'XX'),
      )
      return reply === 'OK'
    },
    async stateOf(id) {
      const value = await withinTimeout('state check', () => client.get(keyPrefix + id))
      return value === null ? 'free' : value === doneValue ? 'done' : 'held'
    },
    async close() {
      connection.stop()
      if (!owned) return
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect())
      else client.disconnect()
    },
  }
}

function isClient(connection: RedisConnection | Redis | undefined): connection is Redis {
  return typeof connection === 'object' && typeof (connection as Partial<Redis>).sendCommand === 'function'
}
