import {
  type AnyAccount,
  type AnyWebhookEvent,
  createReceiver,
  type DeadLetterOptions,
  type DeadLetters,
  type EmitterMethods,
  type EventName,
  type Listener,
  type ValidationIssue,
  type ValidationMode,
  WebhookError,
} from '@blinger-webhooks/core'
import {
  createDeadLetters,
  deadLetterOf,
  describeGiven,
  emitError,
  messageFrom,
  settleWithin,
  TypedEmitter,
} from '@blinger-webhooks/core/internal'
import type { RedisConnection } from '@blinger-webhooks/redis'
import { DelayedError, type Job, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq'
import { bullmqConnection } from './bullmq-connection.js'
import { keyPrefixOf } from './key-prefix-of.js'
import { defaultQueueName, type QueueJobData } from './queue-job-data.js'
import { isOrderTurn, type OrderTurn, orderHashKey, passTurn, takeTurn } from './queue-order.js'
import { traceJob } from './trace-context.js' // diagnostics

/** Options of `createQueueWorker`. */
export interface QueueWorkerOptions {
  /** Where Redis is: a `redis://` URL or ioredis options. The worker keeps reconnecting while Redis is away. */
  connection: RedisConnection
  /** The queue the receiver fills. @default 'blinger-webhooks' */
  queueName?: string
  /** BullMQ's key prefix, as given to the receiver. @default 'bull' */
  keyPrefix?: string
  /** How many jobs this worker runs at once. @default 1 */
  concurrency?: number
  /** How payloads are checked again before handlers run, as in core: `strict` fails the job for good on a mismatch. @default 'strict' */
  validation?: ValidationMode
  /**
   * Keep each job that failed its last attempt (or failed its schema) as one NDJSON dead letter, as core's
   * receiver does: `{ path }`, `{ stream }`, or `false`. BullMQ's failed set keeps the job as well.
   * @default undefined (one rate-limited `console.warn` line per job lost)
   */
  deadLetters?: DeadLetterOptions | undefined
  /** Start taking jobs at once; `false` waits for `worker.worker.run()`. @default true */
  autorun?: boolean
  /**
   * Honours the order a receiver with `order` fixed at enqueue: one conversation's jobs run one at a time, in
   * the order received, across all workers. A job taken out of turn goes back to the delayed set for a few
   * tens of ms; the worker that ends a job for good (completed, or failed its last attempt) hands the turn to
   * the next one. Jobs enqueued without `order` run at once either way. `false` runs every job as soon as it is
   * taken. @default 'conversation'
   */
  order?: 'conversation' | false
  /**
   * More BullMQ worker settings, e.g. `lockDuration` and `stalledInterval` (how soon the job of a worker that
   * died is run again; 30 s each by default), or `limiter`. @default {}
   */
  bullmq?: Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency' | 'autorun'>
}

/** A worker: core's typed `on`, `once` and `off`, run for each job, and a graceful `close()`. */
export interface QueueWorker<A extends AnyAccount = AnyAccount> extends EmitterMethods<A> {
  /** The BullMQ worker, e.g. for its `completed` and `failed` events. */
  readonly worker: Worker<QueueJobData, void, string>
  /** Where jobs that failed for good are kept (the `deadLetters` option); `reopen()` after logrotate. */
  readonly deadLetters: DeadLetters
  /** How many jobs this worker is running right now, e.g. for a readiness probe. */
  readonly running: number
  /**
   * Stops taking jobs and lets the running ones finish, up to `timeout` ms. At the deadline it closes the
   * connections at once and then aborts the `event.signal` of each job still running: such a job is not lost,
   * it stays in Redis (active, its lock no longer renewed) and another worker's stalled check runs it again.
   * Then the dead-letter file is closed. Calling it twice is one close.
   */
  close(options?: QueueWorkerCloseOptions): Promise<void>
}

/** Options of `QueueWorker.close`. */
export interface QueueWorkerCloseOptions {
  /**
   * The longest wait, in ms, for running jobs to finish. Keep it below your platform's grace period between
   * SIGTERM and SIGKILL (30 s on Kubernetes and Heroku by default). @default 10000 (core's `handlerTimeout`)
   */
  timeout?: number
}

/** `close()`'s deadline when none is given: core's default `handlerTimeout`. */
const defaultCloseTimeout = 10_000

const prefixed = messageFrom('bullmq')

/** The same connection error is reported at most this often: BullMQ retries every second while Redis is away. */
const connectionErrorEvery = 30_000

/**
 * Creates a worker that takes jobs from the queue a `createQueueReceiver` fills and runs the handlers
 * registered with `on`, with the typing and validation of core's receiver. A handler that throws fails the
 * attempt: BullMQ retries the job with the receiver's backoff, and after the last attempt keeps it in the
 * failed set with the handler's error. Every failed attempt is also emitted as `error`. Each event carries the
 * `account` the receiver found: name the receiver's accounts as `A` to type it (`createQueueWorker<'acme' | 'globex'>`).
 * @example
 * const worker = createQueueWorker({ connection: process.env.REDIS_URL, concurrency: 10 })
 * worker.on('conversation.closed', async (event) => saveTranscript(event.payload.conversation))
 * process.on('SIGTERM', () => worker.close({ timeout: 20_000 }))
 */
export function createQueueWorker<A extends AnyAccount = AnyAccount>(
  options: QueueWorkerOptions,
): QueueWorker<A> {
  const {
    connection,
    queueName = defaultQueueName,
    concurrency = 1,
    autorun = true,
    order = 'conversation',
  } = options
  const keyPrefix = keyPrefixOf(options)
  // The worker sets these itself from its own options, so one given inside `bullmq` would be overridden unseen.
  const overridden = (['connection', 'prefix', 'concurrency', 'autorun'] as const).filter(
    (key) => (options.bullmq as Record<string, unknown> | undefined)?.[key] !== undefined,
  )
  if (overridden.length > 0)
    throw new TypeError(
      prefixed(
        `bullmq.${overridden.join(', bullmq.')} cannot apply: the worker sets ${overridden.length === 1 ? 'it' : 'them'} from its own options (${overridden.map((key) => (key === 'prefix' ? 'keyPrefix' : key)).join(', ')}).`,
      ),
    )
  if (connection === undefined)
    throw new TypeError(prefixed(`No connection given. Pass { connection: process.env.REDIS_URL }.`))
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      prefixed(`concurrency must be a whole number ≥ 1, got ${describeGiven(concurrency)}.`),
    )
  }
  if (order !== 'conversation' && order !== false)
    throw new TypeError(prefixed(`order must be 'conversation' or false, got ${describeGiven(order)}.`))

  // Authentication and dedupe happened in the receiver; here core only validates, dispatches and awaits.
  const receiver = createReceiver({
    allowUnauthenticated: true,
    dedupe: false,
    validation: options.validation ?? 'strict',
    deadLetters: false, // this worker keeps a job's last attempt only, below
  })
  // The worker's own `error` event: what core reports, failed jobs and a lost connection.
  const errors = new TypedEmitter()
  const report = (error: WebhookError) => emitError(errors, error)
  receiver.on('error', report)
  const deadLetters = createDeadLetters(options.deadLetters, report)
  /** The issues of the jobs failed for good because their payload did not match. */
  const invalid = new WeakMap<Error, readonly ValidationIssue[]>()

  /** The jobs running now, each with the controller of its `event.signal`, aborted when `close()` cuts it. */
  const running = new Map<Promise<void>, AbortController>()
  /** Set once `close()` reached its deadline: a job cut then is neither reported nor failed. */
  let cut = false

  /** The job's turn, when it carries one and this worker honours it. */
  const turnOf = (job: Job<QueueJobData, void, string>): OrderTurn | undefined => {
    const turn = order === false ? undefined : job.data?.order
    return isOrderTurn(turn) ? turn : undefined
  }
  const hashOf = (turn: OrderTurn) => orderHashKey(keyPrefix, queueName, turn.key)

  // Three parameters: BullMQ passes an AbortSignal only to a processor that declares it.
  const processor = async (
    job: Job<QueueJobData, void, string>,
    token?: string,
    bullmqSignal?: AbortSignal,
  ): Promise<void> => {
    const turn = turnOf(job)
    if (turn !== undefined) {
      const client = await worker.backend.client
      const take = () => takeTurn(client, hashOf(turn), `${keyPrefix}:${queueName}:`, turn)
      if (!(await take())) {
        // Not its turn: back to the delayed set, no attempt spent. The job ahead promotes it when it ends, so
        // the delay only bounds the wait when that hand-off is missed (its worker died).
        await job.moveToDelayed(Date.now() + outOfTurnDelay(job), token)
        // The job ahead may have ended between the check and the move, when this one was not delayed yet.
        if (await take()) await worker.backend.promote(job.id ?? '').catch(() => {})
        throw new DelayedError()
      }
    }
    const controller = new AbortController()
    const forward = () => controller.abort(bullmqSignal?.reason)
    bullmqSignal?.addEventListener('abort', forward, { once: true })
    const run = runJob(job, controller.signal)
    running.set(run, controller)
    const done = () => {
      running.delete(run)
      bullmqSignal?.removeEventListener('abort', forward)
    }
    run.then(done, done)
    return run
  }

  const runJob = async (job: Job<QueueJobData, void, string>, signal: AbortSignal): Promise<void> => {
    try {
      let unhandled: AnyWebhookEvent | undefined
      // diagnostics: the job's trace, only when someone subscribes
      await traceJob(job, async () => {
        const result = await receiver.receive(job.data?.payload, {
          id: job.id ?? '',
          account: job.data?.account,
          signal,
        })
        if (result.unhandled) unhandled = result.event
      })
      // A webhook outside the eight that no `unknown` or `*` listener took completes its job: keep it.
      if (unhandled !== undefined) deadLetters.keep?.(deadLetterOf('unhandled', unhandled, {}))
    } catch (error) {
      if (cut) throw error // closed at its deadline: BullMQ no longer records it, the stalled check re-runs the job
      if (error instanceof WebhookError) report(error)
      if (
        error instanceof WebhookError &&
        (error.code === 'invalid_payload' || error.code === 'bad_request')
      ) {
        const unrecoverable = new UnrecoverableError(error.message) // another attempt cannot fix the payload
        invalid.set(unrecoverable, error.issues)
        throw unrecoverable
      }
      throw jobError(error)
    }
  }

  const worker = new Worker<QueueJobData, void, string>(queueName, processor, {
    ...options.bullmq,
    connection: bullmqConnection(connection),
    prefix: keyPrefix,
    concurrency,
    autorun,
  })

  /** Hands the conversation's turn on once `job` ended for good, and wakes the job whose turn it is. */
  const pass = (job: Job<QueueJobData, void, string>) => {
    const turn = turnOf(job)
    if (turn === undefined) return
    // A lost pass costs no more than a delay: the next job's own check passes a turn whose job has ended.
    const handOn = async () => {
      const client = await worker.backend.client
      const delayed = worker.keys.delayed ?? `${keyPrefix}:${queueName}:delayed`
      const next = await passTurn(client, hashOf(turn), delayed, turn)
      // Promoted by now, or taken meanwhile: it runs either way.
      if (next !== undefined) await worker.backend.promote(next).catch(() => {})
    }
    handOn().catch(() => {})
  }
  worker.on('completed', pass)

  worker.on('failed', (job, error) => {
    if (job === undefined) return
    const last = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1)
    if (last || invalid.has(error)) pass(job)
    const { keep } = deadLetters
    if (keep === undefined) return
    if (!last && !invalid.has(error)) return
    const payload = job.data?.payload ?? { webhook: '' }
    const lost = {
      id: job.id ?? '',
      account: job.data?.account,
      name: job.name as EventName | 'unknown',
      payload: typeof payload.webhook === 'string' ? payload : { ...payload, webhook: '' },
      receivedAt: new Date(job.data?.receivedAt ?? job.timestamp),
    }
    const issues = invalid.get(error)
    keep(
      issues === undefined
        ? deadLetterOf('failed', lost, { cause: error })
        : deadLetterOf('invalid', lost, { issues }),
    )
  })

  const lastReported = new Map<string, number>()
  // Without a listener BullMQ's 'error' would throw. Failed jobs are reported by the processor above.
  worker.on('error', (cause) => {
    const now = Date.now()
    if (now - (lastReported.get(cause.message) ?? -Infinity) < connectionErrorEvery) return
    lastReported.set(cause.message, now)
    report(
      new WebhookError(
        'queue_connection_lost',
        `The worker of queue "${queueName}" lost Redis: ${cause.message}`,
        {
          cause,
        },
      ),
    )
  })

  const queueWorker: QueueWorker = {
    worker,
    // 'error' is the worker's own event: it carries failed jobs as well as what core reports.
    on(name, listener) {
      if (name === 'error') errors.on('error', listener as Listener<'error'>)
      else receiver.on(name, listener)
      return this
    },
    once(name, listener) {
      if (name === 'error') errors.once('error', listener as Listener<'error'>)
      else receiver.once(name, listener)
      return this
    },
    off(name, listener) {
      if (name === 'error') errors.off('error', listener as Listener<'error'> | undefined)
      else receiver.off(name, listener)
      return this
    },
    deadLetters: deadLetters.output,
    get running() {
      return running.size
    },
    close(closeOptions) {
      if (closing !== undefined) return closing
      const timeout = closeOptions?.timeout ?? defaultCloseTimeout
      // A bad option closes nothing, so the call can be made again, right.
      if (typeof timeout !== 'number' || !(timeout >= 0)) {
        return Promise.reject(
          new RangeError(
            prefixed(`close's timeout must be a number of ms ≥ 0, got ${describeGiven(timeout)}.`),
          ),
        )
      }
      closing = closeWithin(timeout)
      return closing
    },
  }
  let closing: Promise<void> | undefined
  const closeWithin = async (timeout: number) => {
    // No new job from now on; the running ones go on, their locks renewed.
    await worker.pause(true)
    const drained = await settleWithin(Promise.allSettled([...running.keys()]), timeout)
    if (drained.state === 'timed-out') {
      cut = true
      // Closed first, so a job that fails once its signal is aborted is not moved to failed (an attempt
      // spent): it stays active in Redis, its lock expires, and a stalled check runs it again.
      await worker.close(true)
      const reason = new Error(prefixed(`The worker closed: its deadline of ${timeout} ms passed.`))
      for (const controller of running.values()) controller.abort(reason)
    } else {
      await worker.close()
    }
    await deadLetters.output.close()
  }
  // The receiver here is untyped in `account`: what the queue receiver stored is what `A` names.
  return queueWorker as QueueWorker<A>
}

/**
 * How long a job taken out of turn waits before it is taken again: 10 ms, growing by half each time it was, up
 * to 500 ms. The job ahead promotes it when it ends, so the delay matters only when that job's worker died
 * (BullMQ's stalled check takes tens of seconds then): a few checks a second per waiting job, not a busy loop.
 */
function outOfTurnDelay(job: Job): number {
  const bounces = Math.max(0, (job.attemptsStarted ?? 0) - job.attemptsMade - 1)
  return Math.round(Math.min(10 * 1.5 ** bounces, 500))
}

/**
 * What BullMQ keeps as the job's failure: the handler's own error, so the failed set shows its message and
 * stack rather than core's wrapper.
 */
function jobError(error: unknown): Error {
  const cause = error instanceof WebhookError ? error.cause : error
  if (cause instanceof AggregateError) {
    const messages = cause.errors.map((each: unknown) =>
      each instanceof Error ? each.message : String(each),
    )
    return new AggregateError(cause.errors, `${cause.errors.length} handlers failed: ${messages.join('; ')}`)
  }
  if (cause instanceof Error) return cause
  return new Error(prefixed(`A handler failed with a non-error value: ${String(cause)}`))
}
