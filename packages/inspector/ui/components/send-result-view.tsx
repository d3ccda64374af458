import type { SendResult } from '../../src/delivery-types.js'
import { isDuplicateAnswer } from '../lib/is-duplicate-answer.js'
import { StatusPill } from './badges.js'

/** What a send gave, in one line: `→ 200 in 12.5 ms` (flagged when the app answered a duplicate), or why it failed. */
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
          {isDuplicateAnswer(result.body) && (
            <span class="badge badge-duplicate" title="The app had seen this body: no handler ran">
              duplicate
            </span>
          )}
        </>
      )}
    </span>
  )
}
