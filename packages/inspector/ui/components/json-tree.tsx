import { useEffect, useState } from 'preact/hooks'
import { childPointer } from '../lib/json-pointer.js'

/** Why a node is highlighted: a schema mismatch at that path, or a field the schema does not declare. */
export interface Mark {
  readonly kind: 'issue' | 'drift'
  readonly message: string
}

interface NodeProps {
  readonly label: string | number | undefined
  readonly value: unknown
  readonly path: string
  readonly depth: number
  readonly marks: ReadonlyMap<string, readonly Mark[]>
  /** Paths kept open because something below them is marked. */
  readonly open: ReadonlySet<string>
  /** How many levels start open: fewer when marks exist, so the marked branches stand out. */
  readonly levels: number
}

const maxChildrenShown = 200

/**
 * A payload as a collapsible tree. Marked paths are highlighted and the branches leading to them start open;
 * the others start closed, so the marks are what one sees first.
 */
export function JsonTree(props: {
  value: unknown
  marks: ReadonlyMap<string, readonly Mark[]>
  open: ReadonlySet<string>
}) {
  return (
    <div class="json-tree">
      <JsonNode
        label={undefined}
        value={props.value}
        path=""
        depth={0}
        marks={props.marks}
        open={props.open}
        levels={props.marks.size > 0 ? 1 : 2}
      />
    </div>
  )
}

function JsonNode({ label, value, path, depth, marks, open, levels }: NodeProps) {
  const entries = childrenOf(value)
  const forced = open.has(path)
  const [expanded, setExpanded] = useState(depth < levels || forced)
  useEffect(() => {
    if (forced) setExpanded(true)
  }, [forced])
  const own = marks.get(path) ?? []
  const markClass = own.some((mark) => mark.kind === 'issue')
    ? ' mark-issue'
    : own.length > 0
      ? ' mark-drift'
      : ''

  return (
    <div class="json-node">
      <div class={`json-row${markClass}`} data-path={path}>
        {entries === undefined ? (
          <span class="toggle-space" />
        ) : (
          <button
            type="button"
            class="toggle"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${path === '' ? 'payload' : path}`}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? '▾' : '▸'}
          </button>
        )}
        {label !== undefined && (
          <span class="json-key">{typeof label === 'number' ? label : JSON.stringify(label)}</span>
        )}
        {label !== undefined && <span class="json-colon">: </span>}
        <JsonValue value={value} expanded={expanded} />
        {own.map((mark) => (
          <span key={mark.message} class={`mark-label mark-label-${mark.kind}`}>
            {mark.message}
          </span>
        ))}
      </div>
      {entries !== undefined && expanded && (
        <div class="json-children">
          {entries.slice(0, maxChildrenShown).map(([key, child]) => (
            <JsonNode
              key={key}
              label={key}
              value={child}
              path={childPointer(path, key)}
              depth={depth + 1}
              marks={marks}
              open={open}
              levels={levels}
            />
          ))}
          {entries.length > maxChildrenShown && (
            <div class="json-more">… {entries.length - maxChildrenShown} more</div>
          )}
        </div>
      )}
    </div>
  )
}

function JsonValue({ value, expanded }: { value: unknown; expanded: boolean }) {
  if (Array.isArray(value)) {
    return (
      <span class="json-brace">
        {expanded ? '[' : `[…] ${value.length} item${value.length === 1 ? '' : 's'}`}
      </span>
    )
  }
  if (typeof value === 'object' && value !== null) {
    const size = Object.keys(value).length
    return <span class="json-brace">{expanded ? '{' : `{…} ${size} key${size === 1 ? '' : 's'}`}</span>
  }
  if (typeof value === 'string') return <span class="json-string">{JSON.stringify(value)}</span>
  if (typeof value === 'number') return <span class="json-number">{value}</span>
  if (typeof value === 'boolean') return <span class="json-boolean">{String(value)}</span>
  return <span class="json-null">null</span>
}

function childrenOf(value: unknown): [string | number, unknown][] | undefined {
  if (Array.isArray(value)) return value.map((item, index) => [index, item])
  if (typeof value === 'object' && value !== null) return Object.entries(value)
  return undefined
}
