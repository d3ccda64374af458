import { messageFrom } from '../errors/message-from.js'
import { WebhookError } from '../errors/webhook-error.js'
import { createNdjsonWriter, type NdjsonTarget } from '../ndjson/create-ndjson-writer.js'
import { createRateLimitedWarner } from './create-rate-limited-warner.js'
import type { DeadLetter } from './dead-letter.js'
import { warningLine } from './warning-line.js'

const prefixed = messageFrom('core')

/**
 * The `deadLetters` option: append to a file (`{ path, mode?, maxBytes? }`), write to a stream, or `false` for
 * neither (nor warnings).
 */
export type DeadLetterOptions = NdjsonTarget | false

/** A receiver's dead-letter output. */
export interface DeadLetters {
  /** Dead letters written: handed to the OS (`{ path }`), or reported written by the stream. */
  readonly written: number
  /** Dead letters given up: the memory queue was full, the stream failed, or they came after `close()`. */
  readonly dropped: number
  /** Dead letters waiting in memory for the file to take them (a full or failing disk); retried every second. */
  readonly pending: number
  /** Dead letters not written again: the same delivery, account and reason is in the current file already. */
  readonly repeated: number
  /** With `{ path }`: reopens the file after logrotate renamed it (on SIGHUP); no line is lost or split. */
  reopen(): Promise<void>
  /** With `{ path }`: writes what waits in memory (one last try), syncs and closes the file. Twice is one close. */
  close(): Promise<void>
}

/** What a receiver does with a dead letter (`keep`, absent when `deadLetters` is `false`) and its output. */
export interface DeadLetterSink {
  /**
   * Keeps a dead letter. `true` when it is kept: written to the OS (`{ path }`), accepted by the stream, written
   * as a warning line (no option), or a repeat of a letter in the file already; `false` when it could not be
   * written now (it waits in memory to be retried, or was dropped): answer 503, not 200.
   */
  readonly keep: ((letter: DeadLetter) => boolean) | undefined
  readonly output: DeadLetters
}

const none: DeadLetters = {
  written: 0,
  dropped: 0,
  pending: 0,
  repeated: 0,
  reopen: async () => {},
  close: async () => {},
}

/**
 * Builds the sink of the `deadLetters` option, for places that lose deliveries outside `handle()` (the BullMQ
 * worker's last attempts): NDJSON lines (with `{ path }`, in the kernel before `keep` returns; failures are
 * reported as `dead_letter_failed` with the delivery ids), or without the option one bounded `console.warn`
 * line per dead letter, or nothing for `false`. A `{ path }` that cannot be opened throws here.
 */
export function createDeadLetters(
  option: DeadLetterOptions | undefined,
  report: (error: WebhookError) => void,
): DeadLetterSink {
  if (option === false) return { keep: undefined, output: none }
  if (option === undefined) {
    const warn = createRateLimitedWarner({
      summary: (reason, count, windowMs) =>
        prefixed(
          `${count} more lost deliveries (${reason}) were not logged in the last ${windowMs / 1000} s. Keep them with the deadLetters option.`,
        ),
    })
    return {
      keep: (letter) => {
        warn(letter.reason, warningLine(letter))
        return true
      },
      output: none,
    }
  }
  const out = openWriter(option, report)
  const where = 'path' in option ? option.path : 'the stream'
  const warnRepeat = createRateLimitedWarner({
    perWindow: 1,
    summary: (_key, count, windowMs) =>
      prefixed(
        `${count} more repeated dead letters were not written again in the last ${windowMs / 1000} s (${out.repeated} in all).`,
      ),
  })
  return {
    keep(letter) {
      const result = out.write(
        () => `${JSON.stringify(letter)}\n`,
        letter.id,
        `${letter.reason} ${letter.account ?? ''} ${letter.id}`,
      )
      if (result === 'repeat') {
        warnRepeat(
          'repeat',
          prefixed(
            `Delivery ${letter.id.slice(0, 12)} was lost again (${letter.reason}); its dead letter is in ${where} already, so it was not written again (${out.repeated} repeats so far).`,
          ),
        )
      }
      return result === 'kept' || result === 'repeat'
    },
    output: {
      get written() {
        return out.written
      },
      get dropped() {
        return out.dropped
      },
      get pending() {
        return out.pending
      },
      get repeated() {
        return out.repeated
      },
      reopen: () => out.reopen(),
      close: () => out.close(),
    },
  }
}

function openWriter(option: NdjsonTarget, report: (error: WebhookError) => void) {
  const wrap = (error: Error) =>
    new WebhookError(
      'dead_letter_failed',
      error.message,
      error.cause === undefined ? {} : { cause: error.cause },
    )
  try {
    return createNdjsonWriter(option, {
      // WebhookError adds the prefix.
      prefixed: (text) => text,
      onError: (error) => report(wrap(error)),
      warn: (line) => console.warn(prefixed(line)),
    })
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(prefixed(`deadLetters: ${error.message}`))
    throw error instanceof Error ? wrap(error) : error
  }
}
