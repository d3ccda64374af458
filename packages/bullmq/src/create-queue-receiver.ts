import {
  type AccountOf,
  type AlarmName,
  type AnyAccount,
  type AnyWebhookEvent,
  createReceiver,
  type DedupeOptions,
  type EmitterEventName,
  type Listener,
  type Receiver,
  type ReceiverOptions,
  type TokenOption,
} from '@blinger-webhooks/core'
import { describeGiven, messageFrom, settleWithin } from '@blinger-webhooks/core/internal'
import { createRedisStore, type RedisConnection, type RedisStore } from '@blinger-webhooks/redis'
import { type BackoffOptions, type KeepJobs, Queue } from 'bullmq'
import { bullmqConnection } from './bullmq-connection.js'
import { type OrderOption, orderKeyOf } from './conversation-key.js'
import { createQueueClaims } from './create-queue-claims.js'
import { keyPrefixOf } from './key-prefix-of.js'
import { defaultQueueName, type QueueJobData } from './queue-job-data.js'
import { assignTurn, orderHashKey } from './queue-order.js'
import { traceContextFor } from './trace-context.js' // diagnostics

/**
 * Options of `createQueueReceiver`: core's receiver options, less `ack`, `handlerTimeout`, `handlerDeadline` and
 * `orderLimits` (nothing waits in process: the order is fixed in Redis), plus the queue's.
 */
export interface QueueReceiverOptions<T extends TokenOption = TokenOption>
  extends Omit<ReceiverOptions<T>, 'ack' | 'handlerTimeout' | 'handlerDeadline' | 'order' | 'orderLimits'> {
  /**
   * Where Redis is: a `redis://` URL or ioredis options. The receiver opens its own connections, set to fail
   * fast: while Redis is unreachable it answers 503 at once instead of holding the sender.
   */
  connection: RedisConnection
  /** The BullMQ queue; workers must use the same name. @default 'blinger-webhooks' */
  queueName?: string
  /** BullMQ's key prefix; workers must use the same. @default 'bull' */
  keyPrefix?: string
  /**
   * Drops repeated deliveries before they are enqueued. `true` keeps ids in Redis (one store shared by every
   * instance, keys `blinger-webhooks:dedupe:<queueName>:<id>`, the id `<account>/<sha256>` with a `token` map); an object tunes it or brings another store;
   * `false` leaves only BullMQ's job-id check. @default true
   */
  dedupe?: boolean | DedupeOptions
  /** How many times a worker tries a job before it stays in the failed set. @default 5 */
  attempts?: number
  /** Wait between attempts. @default { type: 'exponential', delay: 1000 } (1 s, 2 s, 4 s, …) */
  backoff?: number | BackoffOptions
  /**
   * Which completed jobs Redis keeps. While a job is kept, a repeat of its delivery is dropped by job id as
   * well. @default { age: 3600, count: 10_000 } (an hour, at most 10,000 jobs)
   */
  removeOnComplete?: boolean | number | KeepJobs
  /** Which jobs that failed for good Redis keeps, with their error. @default false (all of them) */
  removeOnFail?: boolean | number | KeepJobs
  /** Milliseconds to wait for Redis to store a job; then the sender gets a 500 and retries. @default 2000 */
  enqueueTimeout?: number
  /**
   * Fixes each conversation's order at enqueue: its jobs are numbered in the order they were received, and
   * workers (which honour it by default) run them one after another, in that order, whatever their number and
   * `concurrency`. `'conversation'` keys by the conversation id (behind the account with a `token` map);
   * `user.new` and `unknown` are not ordered. A function gives another key (`undefined`: not ordered).
   * @default undefined (each job runs as soon as a worker takes it)
   */
  order?: OrderOption<AccountOf<T>> | undefined
}

/** What a queue receiver's `on` takes: its own events and the alarms of the `alerts` option. */
type LifecycleEventName = 'error' | 'invalid' | 'duplicate' | AlarmName

/**
 * Options a JavaScript caller may pass that queue mode would drop without a word: the answer always waits for
 * the enqueue alone, and ids are kept in Redis or in the given store, never in the in-memory one `max` sizes.
 */
function refuseWhatCannotApply(options: object): void {
  const given = options as {
    ack?: unknown
    handlerTimeout?: unknown
    handlerDeadline?: unknown
    dedupe?: unknown
  }
  for (const key of ['ack', 'handlerTimeout', 'handlerDeadline'] as const)
    if (given[key] !== undefined)
      throw new TypeError(
        prefixed(
          `${key} cannot apply in queue mode: the answer waits for the enqueue only, which gives up after enqueueTimeout, and handlers run in the worker.`,
        ),
      )
  const dedupe = given.dedupe
  if (typeof dedupe === 'object' && dedupe !== null && (dedupe as DedupeOptions).max !== undefined)
    throw new TypeError(
      prefixed(
        'dedupe.max sizes the in-memory store, which queue mode never uses: ids are kept in Redis (or in dedupe.store).',
      ),
    )
}

/**
 * A receiver that enqueues: mount it like any receiver (adapters call `handle()`), and run handlers with
 * `createQueueWorker`. Its `on` takes only the lifecycle events; delivery events belong to the worker.
 */
export interface QueueReceiver<A extends AnyAccount = AnyAccount> extends Receiver<A> {
  /** Adds a listener for `error` (a failed enqueue or store), `invalid`, `duplicate`, or an alarm (`silence`, `resumed`, `unauthorized`). */
  on<K extends LifecycleEventName>(name: K, listener: Listener<K, A>): this
  /** @deprecated Handlers run in the worker, never in the HTTP process: `createQueueWorker(…).on(name, listener)`. Throws. */
  on<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** Adds a lifecycle listener that is removed after its first call. */
  once<K extends LifecycleEventName>(name: K, listener: Listener<K, A>): this
  /** @deprecated Handlers run in the worker, never in the HTTP process: `createQueueWorker(…).once(name, listener)`. Throws. */
  once<K extends EmitterEventName>(name: K, listener: Listener<K, A>): this
  /** The BullMQ queue jobs are added to, e.g. for `getJobCounts()`. */
  readonly queue: Queue<QueueJobData, void, string>
  /** How many deliveries are being enqueued right now, e.g. for a readiness probe. */
  readonly running: number
  /**
   * Closes like core's `Receiver.close`: waits for the enqueues under way, up to `timeout` ms; keeps each one still
   * running then as a `shutdown` dead letter (answered 503 when that letter cannot be kept, never a silent 200);
   * then closes the dead-letter file, the queue's connection and the dedupe store's (if the receiver opened it).
   * Deliveries arriving meanwhile are enqueued as usual until the deadline. Calling it twice is one close.
   */
  close(options?: QueueReceiverCloseOptions): Promise<void>
}

/** Options of `QueueReceiver.close`, the same as core's `Receiver.close`. */
export interface QueueReceiverCloseOptions {
  /** The longest wait, in ms, for the enqueues under way. @default the receiver's `enqueueTimeout` (2000) */
  timeout?: number
}

const prefixed = messageFrom('bullmq')
/** Core's `dedupe.ttl` and `dedupe.timeout` when not given. */
const defaultDedupeTtl = 10 * 60 * 1000
const defaultDedupeTimeout = 5000
/** What a claim's lease adds to `enqueueTimeout`: time for the claim's own round trip and the confirm's. */
const leaseMargin = 2000
const lifecycle: ReadonlySet<string> = new Set<LifecycleEventName>([
  'error',
  'invalid',
  'duplicate',
  'silence',
  'resumed',
  'unauthorized',
])

/**
 * Creates a receiver for queue mode: it authenticates, validates and dedupes like core's, stores each delivery
 * as a BullMQ job whose id is the delivery id (so BullMQ drops repeats too), and answers 200 once the job is
 * stored, without waiting for handlers. 500 when the job could not be stored, 503 when Redis is unreachable.
 * @example
 * const receiver = createQueueReceiver({ token: process.env.BLINGER_TOKEN, connection: process.env.REDIS_URL })
 * app.post('/webhooks/blinger', blingerWebhooks({ receiver })) // any adapter: express, koa, fastify, fetch, node
 */
export function createQueueReceiver<T extends TokenOption = TokenOption>(
  options: QueueReceiverOptions<T>,
): QueueReceiver<AccountOf<T>> {
  const {
    connection,
    queueName = defaultQueueName,
    keyPrefix: _keyPrefix, // read by keyPrefixOf; kept out of the receiver options
    dedupe = true,
    attempts = 5,
    backoff = { type: 'exponential', delay: 1000 },
    removeOnComplete = { age: 3600, count: 10_000 },
    removeOnFail = false,
    enqueueTimeout = 2000,
    order,
    ...receiverOptions
  } = options
  const keyPrefix = keyPrefixOf(options)
  refuseWhatCannotApply(options)
  if (connection === undefined)
    throw new TypeError(prefixed(`No connection given. Pass { connection: process.env.REDIS_URL }.`))
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError(prefixed(`attempts must be a whole number ≥ 1, got ${describeGiven(attempts)}.`))
  if (!Number.isFinite(enqueueTimeout) || enqueueTimeout <= 0) {
    throw new RangeError(
      prefixed(`enqueueTimeout must be a positive number, got ${describeGiven(enqueueTimeout)}.`),
    )
  }
  if (order !== undefined && order !== 'conversation' && typeof order !== 'function')
    throw new TypeError(
      prefixed(`order must be 'conversation' or a function of the event, got ${describeGiven(order)}.`),
    )

  let ownStore: RedisStore | undefined
  const dedupeOptions = (): false | DedupeOptions => {
    if (dedupe === false) return false
    const given = dedupe === true ? {} : dedupe
    ownStore =
      given.store === undefined
        ? createRedisStore({ connection, keyPrefix: `blinger-webhooks:dedupe:${queueName}:` })
        : undefined
    // A claim counts as "seen" only once its job is stored (issue 23): see createQueueClaims.
    const store = createQueueClaims(given.store ?? (ownStore as RedisStore), {
      jobExists,
      ttl: given.ttl ?? defaultDedupeTtl,
      lease: enqueueTimeout + leaseMargin,
      // Below core's own wait for a claim, so the 503 is ours, with its reason, and no late claim is left behind.
      wait: Math.min(enqueueTimeout, (given.timeout ?? defaultDedupeTimeout) / 2),
    })
    return { ...given, store }
  }

  const queue = new Queue<QueueJobData, void, string>(queueName, {
    // Fail fast: a job that cannot be stored now must give the sender an error, so it retries.
    connection: bullmqConnection(connection, { enableOfflineQueue: false }),
    prefix: keyPrefix,
  })
  // Connection errors reach the sender as failed enqueues and the `error` event, one per request; the queue's
  // own report of each reconnect attempt would only repeat them (and throws without a listener).
  queue.on('error', () => {})

  /** Whether BullMQ holds the job of delivery `id` (in any state), within `enqueueTimeout`. */
  async function jobExists(id: string): Promise<boolean> {
    const outcome = await settleWithin(queue.getJobState(id), enqueueTimeout)
    if (outcome.state === 'fulfilled') return outcome.value !== 'unknown'
    if (outcome.state === 'rejected') throw outcome.reason
    throw new Error(prefixed(`Redis did not say within ${enqueueTimeout} ms whether job ${id} is stored.`))
  }

  let receiver: Receiver
  try {
    receiver = createReceiver({
      ...receiverOptions,
      dedupe: dedupeOptions(),
      // The answer waits for the enqueue alone. The enqueue gives up first, so core never answers 200 for a
      // job that was not stored.
      ack: 'after-handlers',
      handlerTimeout: enqueueTimeout + 5000,
    })
  } catch (error) {
    // Bad options (a missing token): close what was opened, or its connections would keep the process alive.
    void Promise.allSettled([queue.close(), ownStore?.close()])
    throw error
  }

  const enqueue = async (event: AnyWebhookEvent): Promise<void> => {
    const data: QueueJobData = {
      payload: event.payload,
      receivedAt: event.receivedAt.getTime(),
      ...traceContextFor(event), // diagnostics: the tracer's context, only when one subscribes
    }
    if (event.account !== undefined) Object.assign(data, { account: event.account })
    const key = order === undefined ? undefined : orderKeyOf(event as AnyWebhookEvent<AccountOf<T>>, order)
    const add = async () => {
      // Numbered before it is stored: a job stored without its number could not be ordered. A number whose job
      // is never stored is passed by the workers once the enqueue's deadline (and a margin) is over.
      if (key !== undefined) {
        const hashKey = orderHashKey(keyPrefix, queueName, key)
        const client = await queue.backend.client
        const turn = await assignTurn(client, hashKey, event.id, enqueueTimeout + leaseMargin)
        Object.assign(data, { order: { key, ...turn } })
      }
      await queue.add(event.name, data, {
        jobId: event.id,
        attempts,
        backoff,
        removeOnComplete,
        removeOnFail,
      })
    }
    const outcome = await settleWithin(add(), enqueueTimeout)
    if (outcome.state === 'rejected') throw outcome.reason
    if (outcome.state === 'timed-out')
      throw new Error(prefixed(`Redis did not store the job within ${enqueueTimeout} ms.`))
  }
  receiver.on('*', enqueue)

  const guard = (name: string, method: 'on' | 'once') => {
    if (!lifecycle.has(name)) {
      throw new TypeError(
        prefixed(
          `A queue receiver runs no handlers: register '${name}' on the worker, createQueueWorker({ connection }).${method}('${name}', …).`,
        ),
      )
    }
  }

  const queueReceiver: QueueReceiver = {
    queue,
    handle: receiver.handle,
    receive: receiver.receive,
    setTokens: receiver.setTokens,
    deadLetters: receiver.deadLetters,
    get running() {
      return receiver.running
    },
    on(name: EmitterEventName, listener: Listener<EmitterEventName>) {
      guard(name, 'on')
      receiver.on(name, listener)
      return this
    },
    once(name: EmitterEventName, listener: Listener<EmitterEventName>) {
      guard(name, 'once')
      receiver.once(name, listener)
      return this
    },
    off(name, listener) {
      if (lifecycle.has(name)) receiver.off(name, listener)
      return this
    },
    close(closeOptions) {
      if (closing !== undefined) return closing
      const timeout = closeOptions?.timeout ?? enqueueTimeout
      // A bad option closes nothing, so the call can be made again, right.
      if (typeof timeout !== 'number' || !(timeout >= 0)) {
        return Promise.reject(
          new RangeError(
            prefixed(`close's timeout must be a number of ms ≥ 0, got ${describeGiven(timeout)}.`),
          ),
        )
      }
      closing = closeAll(timeout)
      return closing
    },
  }
  let closing: Promise<void> | undefined
  const closeAll = async (timeout: number) => {
    // Core's close waits for the enqueues under way (they are its `*` listener), keeps those still running at the
    // deadline as `shutdown` dead letters, and closes the dead-letter file.
    await receiver.close({ timeout })
    // Core confirms a stored job's claim just after its enqueue settles: let that command go out before the
    // store's connection is closed behind it.
    await new Promise((resolve) => setImmediate(resolve))
    await Promise.allSettled([queue.close(), ownStore?.close()])
  }
  return queueReceiver as QueueReceiver<AccountOf<T>>
}
