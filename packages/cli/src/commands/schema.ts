import { createJsonSchema, type EventName } from '@blinger-webhooks/core'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'

/**
 * `schema [event-name]`: prints the JSON Schema of one event's payload, or of any payload, byte for byte as
 * in `@blinger-webhooks/core/schemas/<event-name>.json` (`index.json`).
 */
export function schema(name: EventName | undefined, io: CliIo): ExitCode {
  io.stdout.write(`${JSON.stringify(createJsonSchema(name), null, 2)}\n`)
  return ExitCode.ok
}
