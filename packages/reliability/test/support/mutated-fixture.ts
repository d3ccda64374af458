import { type EventName, eventNames } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import fc from 'fast-check'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Container = Json[] | { [key: string]: Json }

/** A fixture with fields dropped, nulled, retyped, replaced or duplicated, as JSON text. */
export interface MutatedFixture {
  readonly name: EventName
  /** The JSON text, which may repeat a key (the last one wins in every JSON parser we use). */
  readonly text: string
}

interface Mutation {
  readonly op: 'drop' | 'null' | 'retype' | 'replace' | 'duplicate'
  /** Which field, as an index into every field of the current value, modulo their count. */
  readonly at: number
  readonly value: Json
  /** For `duplicate`: put the repeat before the original key (the original wins) or after it (the repeat wins). */
  readonly before: boolean
  /** For `duplicate`: repeat the same value rather than `value`. */
  readonly same: boolean
}

interface Repeat {
  readonly key: string
  readonly value: Json | undefined
  readonly before: boolean
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('drop', 'null', 'retype', 'replace', 'duplicate'),
  at: fc.nat(),
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  before: fc.boolean(),
  same: fc.boolean(),
})

/**
 * Blinger's sample payloads with up to four mutations each: the near misses a changed or broken sender
 * produces. Zero mutations give the fixture itself, so valid deliveries are part of the mix.
 */
export function mutatedFixture(): fc.Arbitrary<MutatedFixture> {
  return fc
    .record({
      name: fc.constantFrom(...eventNames),
      mutations: fc.array(mutation, { maxLength: 4 }),
      pretty: fc.boolean(),
    })
    .map(({ name, mutations, pretty }) => ({ name, text: mutate(name, mutations, pretty) }))
}

function mutate(name: EventName, mutations: readonly Mutation[], pretty: boolean): string {
  const root = structuredClone(FixtureByEventName[name]) as unknown as { [key: string]: Json }
  const repeats = new Map<object, Repeat[]>()
  for (const change of mutations) {
    const fields = fieldsOf(root)
    const field = fields[change.at % fields.length]
    if (field === undefined) continue
    const [parent, key] = field
    const current = (parent as Record<string, Json>)[key] as Json
    switch (change.op) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
        break
      case 'null':
        set(parent, key, null)
        break
      case 'retype':
        set(parent, key, retype(current))
        break
      case 'replace':
        set(parent, key, change.value)
        break
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current))
        else {
          const list = repeats.get(parent) ?? []
          list.push({ key, value: change.same ? undefined : change.value, before: change.before })
          repeats.set(parent, list)
        }
        break
    }
  }
  return serialize(root, repeats, pretty ? '\n' : '')
}

/** Every [container, key] pair below `value`, depth first. */
function fieldsOf(value: Json): [Container, string][] {
  const fields: [Container, string][] = []
  const visit = (node: Json) => {
    if (typeof node !== 'object' || node === null) return
    for (const [key, child] of Object.entries(node)) {
      fields.push([node, key])
      visit(child)
    }
  }
  visit(value)
  return fields
}

function set(parent: Container, key: string, value: Json): void {
  ;(parent as Record<string, Json>)[key] = value
}

/** The same information in another JSON type: what a sender that changed its serializer would send. */
function retype(value: Json): Json {
  if (typeof value === 'string')
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : [value]
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === null) return 'null'
  if (Array.isArray(value)) return { ...value }
  return Object.values(value)
}

function serialize(value: Json, repeats: ReadonlyMap<object, Repeat[]>, newline: string): string {
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item, repeats, newline)).join(',')}]`
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  const extra = repeats.get(value) ?? []
  const pair = (key: string, item: Json) =>
    `${newline}${JSON.stringify(key)}:${serialize(item, repeats, newline)}`
  const parts: string[] = []
  const repeatAt = (before: boolean, key: string) => {
    for (const repeat of extra)
      if (repeat.before === before && repeat.key === key)
        parts.push(pair(key, repeat.value ?? (value[key] as Json)))
  }
  for (const [key, item] of Object.entries(value)) {
    repeatAt(true, key)
    parts.push(pair(key, item))
    repeatAt(false, key)
  }
  return `{${parts.join(',')}}`
}
