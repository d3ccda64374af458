import type { SendResult } from '../../src/delivery-types.js'
import { StatusPill } from './badges.js'

/** What a send gave, in one line: `→ 200 in 12.5 ms`, or why it failed. */
export function SendResultView({ result }: { result: SendResult | { error: string } | undefined }) {
  if (result === undefined) return null
  if (!('target' in result)) return <span class="send-result send-failed">{result.error}</span>
  return (
    <span class="send-result" title={`${result.target}\n${result.body}`}>
      {result.status === null ? (
        <span class="send-failed">{result.error}</span>
      ) : (
        <>
          → <StatusPill status={result.status} /> in {result.ms} ms
        </>
      )}
    </span>
  )
}
