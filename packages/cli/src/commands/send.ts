import { STATUS_CODES } from 'node:http'
import { type EventName, eventNames } from '@blinger-webhooks/core'
import { createPayload, DeliverError } from '@blinger-webhooks/testing'
import { CliError } from '../cli-error.js'
import type { CliIo } from '../cli-io.js'
import { type DeliveryOptions, withoutToken } from '../delivery-options.js'
import { ExitCode } from '../exit-code.js'
import { type PostAnswer, postPayload } from '../post-payload.js'
import { parseJsonInput, readInput } from '../read-input.js'
import { toPayload } from '../to-payload.js'

/**
 * `send <event-name|file.json|->`: POSTs the spec's sample of an event, or a payload file (a recorder line
 * works too), and prints the status line and the body (and, for a duplicate, why no handler ran, on stderr).
 * A redirect is not followed. Exit 0 on 2xx, 1 on another status (a redirect too), 3 without answer.
 */
export async function send(input: string, options: DeliveryOptions, io: CliIo): Promise<ExitCode> {
  const payload = eventNames.includes(input as EventName)
    ? createPayload(input as EventName)
    : await readPayload(input, io)
  let result: PostAnswer
  try {
    result = await postPayload(options.url, payload, options)
  } catch (error) {
    if (!(error instanceof DeliverError)) throw error
    const line = `POST ${error.url} failed: ${error.reason}`
    throw new CliError(withoutToken(line, options.token), ExitCode.unreachable, { cause: error })
  }
  io.stdout.write(`${result.status} ${STATUS_CODES[result.status] ?? ''}`.trimEnd())
  io.stdout.write(`\n${result.text}${result.text.endsWith('\n') || result.text === '' ? '' : '\n'}`)
  if (result.status >= 300 && result.status < 400)
    io.stderr.write(
      `Redirect${result.location === undefined ? '' : ` to ${result.location}`}, not followed: point --url at the final address.\n`,
    )
  // A 200 with no handler output puzzles whoever is testing a handler: say why.
  if (result.duplicate)
    io.stderr.write(
      'Duplicate: the receiver saw this body within its dedupe TTL and ran no handler. Change a field to send it again.\n',
    )
  return result.status >= 200 && result.status < 300 ? ExitCode.ok : ExitCode.failed
}

async function readPayload(input: string, io: CliIo): Promise<object> {
  const looksLikeName = /^[a-z]+\.[a-z_]+$/.test(input) && !/\.(nd)?json$/.test(input)
  let text: string
  try {
    text = await readInput(input, io)
  } catch (error) {
    if (looksLikeName)
      throw new CliError(
        `Unknown event name "${input}". Use one of: ${eventNames.join(', ')}; or give a JSON file.`,
      )
    throw error
  }
  const source = input === '-' ? 'stdin' : input
  const payload = toPayload(parseJsonInput(text, source))
  if (payload === undefined)
    throw new CliError(`${source} must hold one JSON object: a payload or a recorded delivery.`)
  return payload
}
