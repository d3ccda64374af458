import type { DeliverySummary } from '../../src/delivery-types.js'

/** The flags of a delivery as small labels: invalid, duplicate, drift, unknown webhook. */
export function Badges({ delivery }: { delivery: DeliverySummary }) {
  return (
    <span class="badges">
      {delivery.invalid && (
        <span class="badge badge-invalid" title={`${delivery.issueCount} schema mismatch(es)`}>
          invalid
        </span>
      )}
      {delivery.duplicate && (
        <span class="badge badge-duplicate" title="Seen before: the core dropped it as a duplicate">
          duplicate
        </span>
      )}
      {delivery.unknownFieldCount > 0 && (
        <span
          class="badge badge-drift"
          title={`${delivery.unknownFieldCount} field(s) the schema does not declare`}
        >
          drift
        </span>
      )}
      {delivery.name === 'unknown' && (
        <span class="badge badge-unknown" title="A webhook name outside Blinger's v1.0 document">
          unknown
        </span>
      )}
    </span>
  )
}

/** An HTTP status, coloured by its class. */
export function StatusPill({ status }: { status: number | null }) {
  const kind = status === null ? 'none' : status < 300 ? 'ok' : status < 500 ? 'client' : 'server'
  return <span class={`status status-${kind}`}>{status ?? '—'}</span>
}
