import { EventNameByWebhook, isWebhookName } from '@blinger-webhooks/core'
import { DeliverError } from '@blinger-webhooks/testing'
import type { CliIo } from '../cli-io.js'
import { type DeliveryOptions, withoutToken } from '../delivery-options.js'
import { ExitCode } from '../exit-code.js'
import { createLetterToken } from '../letter-token.js'
import { postPayload } from '../post-payload.js'
import { createProgressBar, emptyCounts, formatSummary, type ReplayCounts } from '../progress.js'
import { listReplayFiles, type ReplayItem, readDeliveries } from '../read-deliveries.js'

/** Options of `replay`. */
export interface ReplayOptions extends DeliveryOptions {
  /** Deliveries in flight at once; 1 keeps the recorded order. */
  concurrency: number
  /** Replay only dead letters of these reasons (`--reason failed`, repeatable); every line when absent. */
  reason?: readonly string[]
}

/**
 * `replay <file|dir>`: sends every recorded delivery (recorder lines, dead letters or bare payloads) with at
 * most `concurrency` in flight; a progress bar on a TTY, one line per delivery otherwise; then the summary.
 * Each file is read up to the size it had at the start. A letter that names its account is sent with that
 * account's token; `--token`/`--account` serve the others. A redirect is a failure, never followed.
 * Exit 0 when every delivery got a 2xx, 1 when any did not (or a line could not be read or sent), 2 for
 * unreadable input.
 */
export async function replay(path: string, options: ReplayOptions, io: CliIo): Promise<ExitCode> {
  const files = await listReplayFiles(path)
  const tokenOf = createLetterToken(options.token, options.tokensFile)
  const tty = io.stdout.isTTY === true
  const read = () => selectReasons(readDeliveries(files), options.reason)
  const bar = tty ? createProgressBar(io.stdout, await countItems(read())) : undefined
  const counts = emptyCounts()
  // On a terminal only failures are listed above the bar; elsewhere every delivery gets its line.
  const report = (line: string, failed: boolean) => {
    if (bar === undefined) io.stdout.write(`${line}\n`)
    else if (failed) bar.print(line, counts)
    else bar.draw(counts)
  }

  const replayOne = async (item: ReplayItem): Promise<void> => {
    if ('problem' in item) {
      counts.skipped++
      report(`skip ${item.source}: ${item.problem}`, true)
      return
    }
    const name = nameOf(item.payload)
    const chosen = tokenOf(item.account)
    if ('problem' in chosen) {
      counts.skipped++
      report(`skip ${name} ${item.source}: ${chosen.problem}`, true)
      return
    }
    try {
      const { status, duplicate, location } = await postPayload(options.url, item.payload, {
        token: chosen.token,
        tokenIn: options.tokenIn,
        timeout: options.timeout,
      })
      counts.sent++
      if (duplicate) counts.duplicates++
      const ok = tally(counts, status)
      const redirect =
        status >= 300 && status < 400
          ? `: a redirect${location === undefined ? '' : ` to ${location}`}, not followed (point --url at the final address)`
          : ''
      report(`${status}${duplicate ? ' duplicate' : ''} ${name} ${item.source}${redirect}`, !ok)
    } catch (error) {
      counts.sent++
      counts.networkErrors++
      const why =
        error instanceof DeliverError ? error.reason : error instanceof Error ? error.message : String(error)
      const reason = withoutToken(why, chosen.token)
      report(`error ${name} ${item.source}: ${reason}`, true)
    }
  }

  const inFlight = new Set<Promise<void>>()
  try {
    for await (const item of read()) {
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight)
      const task = replayOne(item).finally(() => inFlight.delete(task))
      inFlight.add(task)
    }
  } finally {
    // Even when a later file turns out unreadable, what was sent is waited for and counted.
    await Promise.all(inFlight)
    bar?.clear()
  }
  io.stdout.write(`${formatSummary(counts)}\n`)
  return counts.ok === counts.sent && counts.skipped === 0 ? ExitCode.ok : ExitCode.failed
}

/** Counts 2xx, 4xx, 5xx and other statuses; `true` for a 2xx. */
function tally(counts: ReplayCounts, status: number): boolean {
  if (status >= 200 && status < 300) counts.ok++
  else if (status >= 400 && status < 500) counts.clientErrors++
  else if (status >= 500 && status < 600) counts.serverErrors++
  else counts.other++
  return status >= 200 && status < 300
}

function nameOf(payload: object): string {
  const webhook: unknown = (payload as { webhook?: unknown }).webhook
  if (typeof webhook !== 'string') return '(no webhook)'
  return isWebhookName(webhook) ? EventNameByWebhook[webhook] : webhook
}

async function countItems(items: AsyncIterable<ReplayItem>): Promise<number> {
  let count = 0
  for await (const _ of items) count++
  return count
}

/** With `--reason`, only the dead letters of those reasons (and lines that cannot be read, to say so). */
async function* selectReasons(
  items: AsyncIterable<ReplayItem>,
  reasons: readonly string[] | undefined,
): AsyncGenerator<ReplayItem> {
  for await (const item of items) {
    if (reasons === undefined || 'problem' in item || reasons.includes(item.reason ?? '')) yield item
  }
}
