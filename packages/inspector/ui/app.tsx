import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type {
  Delivery,
  DeliverySummary,
  InspectorAlarm,
  InspectorInfo,
  InspectorStreamEvents,
  SendResult,
} from '../src/delivery-types.js'
import { DeliveryDetail } from './components/delivery-detail.js'
import { DeliveryList } from './components/delivery-list.js'
import { SendResultView } from './components/send-result-view.js'
import { apiUrl, getJson, postJson } from './lib/api.js'
import { countByEvent, eventKey } from './lib/count-by-event.js'

type Connection = 'connecting' | 'live' | 'reconnecting'
type Outcome = SendResult | { error: string }

const targetKey = 'blinger-inspector.target'
const noNames: readonly string[] = []

/** The inspector page: toolbar, filter, live list and detail. */
export function App() {
  const [info, setInfo] = useState<InspectorInfo | null>(null)
  const [deliveries, setDeliveries] = useState<DeliverySummary[]>([])
  const [connection, setConnection] = useState<Connection>('connecting')
  const [filter, setFilter] = useState<string | null>(null)
  const [cursor, setCursor] = useState<number | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [detail, setDetail] = useState<Delivery | null>(null)
  const [detailError, setDetailError] = useState<string | null>(null)
  const [target, setTarget] = useState(() => localStorage.getItem(targetKey) ?? '')
  const [sample, setSample] = useState('message.incoming')
  const [sampleResult, setSampleResult] = useState<Outcome | undefined>(undefined)
  const [sending, setSending] = useState(false)
  const [alarm, setAlarm] = useState<InspectorAlarm | null>(null)
  const [replays, setReplays] = useState<ReadonlyMap<number, Outcome | 'pending'>>(new Map())
  // The server keeps `max`; the page keeps no more, however long it stays open.
  const max = useRef(500)

  useEffect(() => {
    getJson<InspectorInfo>('/api/info')
      .then((loaded) => {
        setInfo(loaded)
        max.current = loaded.max
        // Until the user picks one, send to the forward target, or else to the inspector itself.
        setTarget((current) => (current === '' ? (loaded.forward ?? loaded.webhookUrl) : current))
      })
      .catch(() => setConnection('reconnecting'))

    const source = new EventSource(apiUrl('/api/events'))
    const on = <K extends keyof InspectorStreamEvents>(
      name: K,
      apply: (data: InspectorStreamEvents[K]) => void,
    ) => source.addEventListener(name, (event) => apply(JSON.parse((event as MessageEvent<string>).data)))
    on('snapshot', (data) => setDeliveries([...data.deliveries]))
    on('delivery', (delivery) => setDeliveries((list) => [delivery, ...list].slice(0, max.current)))
    on('update', (delivery) => {
      setDeliveries((list) => list.map((item) => (item.seq === delivery.seq ? delivery : item)))
      setDetail((open) => (open?.seq === delivery.seq ? { ...open, ...delivery } : open))
    })
    on('alarm', setAlarm)
    source.onopen = () => setConnection('live')
    source.onerror = () => setConnection('reconnecting')
    return () => source.close()
  }, [])

  useEffect(() => {
    if (selected === null) return
    let current = true
    setDetailError(null)
    getJson<Delivery>(`/api/deliveries/${selected}`)
      .then((loaded) => current && setDetail(loaded))
      .catch((error: Error) => current && setDetailError(error.message))
    return () => {
      current = false
    }
  }, [selected])

  const known = info?.samples ?? noNames
  const counts = useMemo(() => countByEvent(deliveries, known), [deliveries, known])
  const shown = useMemo(
    () =>
      filter === null ? deliveries : deliveries.filter((delivery) => eventKey(delivery, known) === filter),
    [deliveries, filter, known],
  )

  const changeTarget = (value: string) => {
    setTarget(value)
    localStorage.setItem(targetKey, value)
  }
  const sendSample = () => {
    setSending(true)
    postJson<SendResult>(`/api/samples/${sample}/send`, { target })
      .then(setSampleResult, (error: Error) => setSampleResult({ error: error.message }))
      .finally(() => setSending(false))
  }
  const replay = (seq: number) => {
    setReplays((map) => new Map(map).set(seq, 'pending'))
    postJson<SendResult>(`/api/deliveries/${seq}/replay`, { target })
      .then(
        (result): Outcome => result,
        (error: Error): Outcome => ({ error: error.message }),
      )
      .then((outcome) => setReplays((map) => new Map(map).set(seq, outcome)))
  }
  const replayState = detail === null ? undefined : replays.get(detail.seq)

  return (
    <div class="app">
      <header class="toolbar">
        <h1>Blinger inspector</h1>
        <span class={`connection connection-${connection}`} role="status">
          {connection === 'live'
            ? '● live'
            : connection === 'connecting'
              ? '○ connecting'
              : '○ reconnecting…'}
        </span>
        <label class="target">
          Target app
          <input
            type="url"
            value={target}
            placeholder="http://127.0.0.1:3000/webhooks/blinger"
            onInput={(event) => changeTarget(event.currentTarget.value)}
            spellcheck={false}
          />
        </label>
        <label class="sample">
          Sample
          <select value={sample} onChange={(event) => setSample(event.currentTarget.value)}>
            {known.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={sendSample} disabled={sending || target === ''}>
          {sending ? 'Sending…' : 'Send sample'}
        </button>
        <SendResultView result={sampleResult} />
      </header>

      {alarm !== null && (
        <p class={`alarm alarm-${alarm.kind}`} role="alert">
          <strong>{alarm.kind}</strong> {alarm.text}
          <button type="button" class="alarm-close" aria-label="Dismiss" onClick={() => setAlarm(null)}>
            ×
          </button>
        </p>
      )}
      <main class="panes">
        <section class="list-pane" aria-label="Deliveries">
          <p class="webhook-url" title="Point Blinger (or blinger-webhooks send) here">
            Send webhooks to <code>{info?.webhookUrl ?? '…'}</code>
          </p>
          <nav class="filters" aria-label="Filter by event">
            <FilterChip
              label="all"
              count={deliveries.length}
              active={filter === null}
              onClick={() => setFilter(null)}
            />
            {[...counts].map(([name, count]) => (
              <FilterChip
                key={name}
                label={name}
                count={count}
                active={filter === name}
                onClick={() => setFilter(filter === name ? null : name)}
              />
            ))}
          </nav>
          <DeliveryList
            deliveries={shown}
            cursor={cursor}
            selected={selected}
            onCursor={setCursor}
            onOpen={setSelected}
          />
        </section>
        <section class="detail-pane" aria-label="Detail">
          {detailError !== null ? (
            <p class="empty">{detailError}</p>
          ) : detail === null || detail.seq !== selected ? (
            <p class="empty">
              {selected === null ? 'Select a delivery (click, or ↑/↓ and Enter in the list).' : 'Loading…'}
            </p>
          ) : (
            <DeliveryDetail
              delivery={detail}
              replaying={replayState === 'pending'}
              replayResult={replayState === 'pending' ? undefined : replayState}
              onReplay={() => replay(detail.seq)}
            />
          )}
        </section>
      </main>
    </div>
  )
}

function FilterChip(props: { label: string; count: number; active: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class={`chip${props.active ? ' chip-active' : ''}${props.count === 0 ? ' chip-empty' : ''}`}
      aria-pressed={props.active}
      onClick={props.onClick}
    >
      {props.label} <span class="chip-count">{props.count}</span>
    </button>
  )
}
