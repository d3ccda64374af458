import { STATUS_CODES } from 'node:http'
import { type EventName, eventNames } from '@blinger-webhooks/core'
import { DeliverError, type DeliverResult, deliver } from '@blinger-webhooks/testing'
import { CliError } from '../cli-error.js'
import type { CliIo } from '../cli-io.js'
import { type DeliveryOptions, withoutToken } from '../delivery-options.js'
import { ExitCode } from '../exit-code.js'
import { parseJsonInput, readInput } from '../read-input.js'
import { toPayload } from '../to-payload.js'

/**
 * `send <event-name|file.json|->`: POSTs the spec's sample of an event, or a payload file (a recorder line
 * works too), and prints the status line and the body (and, for a duplicate, why no handler ran, on stderr).
 * Exit 0 on 2xx, 1 on another status, 3 without answer.
 */
export async function send(input: string, options: DeliveryOptions, io: CliIo): Promise<ExitCode> {
  const sendOptions = {
    tokenIn: options.tokenIn,
    timeout: options.timeout,
    ...(options.token === undefined ? {} : { token: options.token }),
  }
  let result: DeliverResult
  try {
    if (eventNames.includes(input as EventName))
      result = await deliver(options.url, input as EventName, undefined, sendOptions)
    else result = await deliver(options.url, await readPayload(input, io), sendOptions)
  } catch (error) {
    if (!(error instanceof DeliverError)) throw error
    const line = `POST ${error.url} failed: ${error.reason}`
    throw new CliError(withoutToken(line, options.token), ExitCode.unreachable, { cause: error })
  }
  io.stdout.write(`${result.status} ${STATUS_CODES[result.status] ?? ''}`.trimEnd())
  io.stdout.write(`\n${result.text}${result.text.endsWith('\n') || result.text === '' ? '' : '\n'}`)
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
