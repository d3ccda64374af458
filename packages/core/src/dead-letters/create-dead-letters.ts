import { messageFrom } from '../errors/message-from.js'
import { WebhookError } from '../errors/webhook-error.js'
import { createNdjsonWriter, type NdjsonTarget } from '../ndjson/create-ndjson-writer.js'
import { createRateLimitedWarner } from './create-rate-limited-warner.js'
import type { DeadLetter } from './dead-letter.js'
import { warningLine } from './warning-line.js'

const prefixed = messageFrom('core')

/** The `deadLetters` option: append to a file, write to a stream, or `false` for neither (nor warnings). */
export type DeadLetterOptions = NdjsonTarget | false

/** A receiver's dead-letter output. */
export interface DeadLetters {
  /** Dead letters handed to the file or stream so far. */
  readonly written: number
  /** Dead letters lost: the write failed, the file could not be opened, or the buffer was full. */
  readonly dropped: number
  /** With `{ path }`: reopens the file after logrotate renamed it (on SIGHUP); no line is lost or split. */
  reopen(): Promise<void>
  /** With `{ path }`: flushes and closes the file. */
  close(): Promise<void>
}

/** What a receiver does with a dead letter (`keep`, absent when `deadLetters` is `false`) and its output. */
export interface DeadLetterSink {
  readonly keep: ((letter: DeadLetter) => boolean) | undefined
  readonly output: DeadLetters
}

const none: DeadLetters = {
  written: 0,
  dropped: 0,
  reopen: async () => {},
  close: async () => {},
}

/**
 * Builds the sink of the `deadLetters` option, for places that lose deliveries outside `handle()` (the BullMQ
 * worker's last attempts): NDJSON lines (a write never blocks nor fails the answer;
 * failures are reported as `dead_letter_failed`), or without the option one bounded `console.warn` line per
 * dead letter, or nothing for `false`.
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
  const out = createNdjsonWriter(option, {
    onError: (cause) =>
      report(new WebhookError('dead_letter_failed', 'Dead letters could not be written.', { cause })),
  })
  return {
    keep: (letter) => {
      out.write(() => `${JSON.stringify(letter)}\n`, `the dead letter of delivery ${letter.id}`)
      return true
    },
    output: {
      get written() {
        return out.written
      },
      get dropped() {
        return out.dropped
      },
      reopen: () => out.reopen(),
      close: () => out.close(),
    },
  }
}
