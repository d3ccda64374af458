import { EventNameByWebhook, isWebhookName, validatePayload } from '@blinger-webhooks/core'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'
import { parseJsonInput, readInput } from '../read-input.js'
import { toPayload } from '../to-payload.js'

/**
 * `validate <file.json|->`: checks one payload (or recorder line) against the v1.0 schemas, names its event
 * and prints each failing path. Exit 0 valid, 1 invalid, 2 unreadable or not JSON.
 */
export async function validate(input: string, io: CliIo): Promise<ExitCode> {
  const source = input === '-' ? 'stdin' : input
  const value = parseJsonInput(await readInput(input, io), source)
  const payload = toPayload(value)
  const invalid = (reason: string, issues: readonly string[] = []) => {
    io.stdout.write(`invalid: ${reason}\n${issues.map((issue) => `  ${issue}\n`).join('')}`)
    return ExitCode.failed
  }
  if (payload === undefined) return invalid('not a JSON object')
  const webhook: unknown = (payload as { webhook?: unknown }).webhook
  if (typeof webhook !== 'string') return invalid('no string "webhook" field')
  if (!isWebhookName(webhook)) return invalid(`unknown webhook "${webhook}" (not in Blinger Webhooks v1.0)`)
  const name = EventNameByWebhook[webhook]
  const issues = validatePayload(name, payload)
  if (issues !== undefined)
    return invalid(
      `${name} (${webhook})`,
      issues.map((issue) => `${issue.path}: ${issue.message}`),
    )
  io.stdout.write(`valid: ${name} (${webhook})\n`)
  return ExitCode.ok
}
