import { useEffect, useRef } from 'preact/hooks'
import type { DeliverySummary } from '../../src/delivery-types.js'
import { formatSize } from '../lib/format-size.js'
import { formatTime } from '../lib/format-time.js'
import { Badges, StatusPill } from './badges.js'

interface ListProps {
  readonly deliveries: readonly DeliverySummary[]
  /** The row the keyboard is on. */
  readonly cursor: number | null
  /** The row open in the detail view. */
  readonly selected: number | null
  readonly onCursor: (seq: number) => void
  readonly onOpen: (seq: number) => void
}

/**
 * The live list, newest first. It is one focusable listbox: ↑/↓ (and Home/End) move the cursor, Enter opens
 * the row under it, a click does both.
 */
export function DeliveryList({ deliveries, cursor, selected, onCursor, onOpen }: ListProps) {
  const list = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (cursor === null) return
    list.current?.querySelector(`#row-${cursor}`)?.scrollIntoView({ block: 'nearest' })
  }, [cursor])

  const move = (to: number) => {
    const next = deliveries[Math.max(0, Math.min(deliveries.length - 1, to))]
    if (next !== undefined) onCursor(next.seq)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const at = deliveries.findIndex((delivery) => delivery.seq === cursor)
    switch (event.key) {
      case 'ArrowDown':
        move(at === -1 ? 0 : at + 1)
        break
      case 'ArrowUp':
        move(at === -1 ? 0 : at - 1)
        break
      case 'Home':
        move(0)
        break
      case 'End':
        move(deliveries.length - 1)
        break
      case 'Enter':
        if (cursor !== null) onOpen(cursor)
        break
      default:
        return
    }
    event.preventDefault()
  }

  if (deliveries.length === 0) {
    return (
      <div class="list-empty">No deliveries yet. Send one to the webhook URL above, or send a sample.</div>
    )
  }
  return (
    <div
      ref={list}
      class="delivery-list"
      role="listbox"
      tabIndex={0}
      aria-label="Deliveries, newest first"
      aria-activedescendant={cursor === null ? undefined : `row-${cursor}`}
      onKeyDown={onKeyDown}
    >
      {deliveries.map((delivery) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for all its options (aria-activedescendant)
        <div
          key={delivery.seq}
          id={`row-${delivery.seq}`}
          role="option"
          tabIndex={-1}
          aria-selected={delivery.seq === selected}
          class={`row${delivery.seq === cursor ? ' row-cursor' : ''}${delivery.seq === selected ? ' row-selected' : ''}`}
          data-seq={delivery.seq}
          onClick={() => {
            onCursor(delivery.seq)
            onOpen(delivery.seq)
          }}
        >
          <span class="row-time">{formatTime(delivery.receivedAt)}</span>
          <span class="row-name">{delivery.name ?? delivery.error ?? delivery.method}</span>
          <Badges delivery={delivery} />
          <StatusPill status={delivery.status} />
          <span class="row-size">{formatSize(delivery.size)}</span>
        </div>
      ))}
    </div>
  )
}
