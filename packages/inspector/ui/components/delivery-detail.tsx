import { useMemo, useState } from 'preact/hooks'
import type { Delivery, SendResult } from '../../src/delivery-types.js'
import { driftReport } from '../lib/drift-report.js'
import { formatSize } from '../lib/format-size.js'
import { formatTime } from '../lib/format-time.js'
import { ancestorPointers, normalizePointer, valueAt } from '../lib/json-pointer.js'
import { Badges, StatusPill } from './badges.js'
import { JsonTree, type Mark } from './json-tree.js'
import { SendResultView } from './send-result-view.js'

interface DetailProps {
  readonly delivery: Delivery
  readonly replaying: boolean
  readonly replayResult: SendResult | { error: string } | undefined
  readonly onReplay: () => void
}

/** One delivery in full: schema result with highlighted paths, drift, the payload tree, and Replay. */
export function DeliveryDetail({ delivery, replaying, replayResult, onReplay }: DetailProps) {
  const { marks, open } = useMemo(() => marksOf(delivery), [delivery])
  const [copied, setCopied] = useState<string | null>(null)
  const [raw, setRaw] = useState(false)
  const report = delivery.unknownFields.length > 0 ? driftReport(delivery) : ''

  const copyReport = () => {
    navigator.clipboard
      .writeText(report)
      .then(() => setCopied('Copied.'))
      .catch(() => setCopied('Copy failed: select the text below.'))
  }
  const reveal = (path: string) => {
    const row = document.querySelector(`.json-tree [data-path="${CSS.escape(normalizePointer(path))}"]`)
    row?.scrollIntoView({ block: 'center' })
    row?.classList.add('flash')
    setTimeout(() => row?.classList.remove('flash'), 900)
  }

  return (
    <article class="detail" aria-label={`Delivery ${delivery.seq}`}>
      <header class="detail-header">
        <h2>{delivery.name ?? delivery.error ?? 'not a delivery'}</h2>
        <StatusPill status={delivery.status} />
        <span class="muted">{formatSize(delivery.size)}</span>
        <span class="muted" title={new Date(delivery.receivedAt).toLocaleString()}>
          {formatTime(delivery.receivedAt)}
        </span>
        <Badges delivery={delivery} />
        <span class="spacer" />
        <SendResultView result={replayResult} />
        <button type="button" class="primary" onClick={onReplay} disabled={replaying || delivery.body === ''}>
          {replaying ? 'Replaying…' : 'Replay'}
        </button>
      </header>
      <p class="detail-meta muted">
        #{delivery.seq} · {delivery.method} {delivery.path}
        {delivery.webhook !== null && <> · webhook {delivery.webhook}</>}
        {delivery.id !== null && <> · id {delivery.id.slice(0, 12)}…</>}
      </p>

      <section class="panel" aria-label="Schema">
        <h3>Schema</h3>
        {delivery.name === null || delivery.name === 'unknown' ? (
          <p class="muted">
            {delivery.name === 'unknown'
              ? `No v1.0 schema for ${delivery.webhook ?? 'this webhook'}.`
              : `Not checked: the request was refused with ${delivery.status}${delivery.error === null ? '' : ` (${delivery.error})`}.`}
          </p>
        ) : delivery.issues.length === 0 ? (
          <p class="ok-text">✓ Matches the {delivery.name} schema.</p>
        ) : (
          <>
            <p class="issue-text">
              ✗ {delivery.issues.length} mismatch{delivery.issues.length === 1 ? '' : 'es'} with the{' '}
              {delivery.name} schema (accepted anyway: the inspector is lenient).
            </p>
            <ul class="path-list">
              {delivery.issues.map((issue) => (
                <li key={issue.path + issue.message}>
                  <button type="button" class="path-link issue-path" onClick={() => reveal(issue.path)}>
                    {issue.path}
                  </button>{' '}
                  {issue.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {delivery.unknownFields.length > 0 && (
        <section class="panel" aria-label="Drift">
          <h3>
            Drift <span class="muted">fields the v1.0 document does not name</span>
          </h3>
          <ul class="path-list">
            {delivery.unknownFields.map((path) => (
              <li key={path}>
                <button type="button" class="path-link drift-path" onClick={() => reveal(path)}>
                  {path}
                </button>{' '}
                <code>{preview(valueAt(delivery.payload, path))}</code>
              </li>
            ))}
          </ul>
          <p>
            <button type="button" onClick={copyReport}>
              Copy report
            </button>{' '}
            <span class="muted">{copied ?? 'Markdown, to report it or to widen a schema.'}</span>
          </p>
          {copied?.startsWith('Copy failed') === true && <pre class="raw">{report}</pre>}
        </section>
      )}

      <section class="panel" aria-label="Payload">
        <h3>
          Payload{' '}
          <button type="button" class="link" onClick={() => setRaw(!raw)}>
            {raw ? 'tree' : 'raw'}
          </button>
        </h3>
        {raw || delivery.payload === null ? (
          <pre class="raw">{delivery.body === '' ? '(no body read)' : delivery.body}</pre>
        ) : (
          <JsonTree key={delivery.seq} value={delivery.payload} marks={marks} open={open} />
        )}
      </section>

      <section class="panel" aria-label="Response">
        <h3>Answered</h3>
        <p>
          <StatusPill status={delivery.response.status} /> <code>{delivery.response.body}</code>
        </p>
        {delivery.forward !== null && (
          <p>
            Forwarded to <code>{delivery.forward.target}</code> <SendResultView result={delivery.forward} />
          </p>
        )}
      </section>
    </article>
  )
}

function marksOf(delivery: Delivery): { marks: Map<string, Mark[]>; open: Set<string> } {
  const marks = new Map<string, Mark[]>()
  const add = (path: string, mark: Mark) => marks.set(path, [...(marks.get(path) ?? []), mark])
  for (const issue of delivery.issues)
    add(normalizePointer(issue.path), { kind: 'issue', message: issue.message })
  for (const path of delivery.unknownFields) add(path, { kind: 'drift', message: 'not in schema' })
  const open = new Set<string>()
  for (const path of marks.keys()) for (const ancestor of ancestorPointers(path)) open.add(ancestor)
  return { marks, open }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
