import type { EmitterMethods } from '@blinger-webhooks/core'

/** What a ledger found wrong, or `undefined` when every answer matched the emits. */
export type LedgerProblem = string | undefined

/** Exactly-once bookkeeping for one receiver: which delivery ids were emitted, and how often. */
export interface Ledger {
  /** Ids emitted on `*`, with how many times each. */
  readonly emitted: ReadonlyMap<string, number>
  /** Ids reported on `duplicate`. */
  readonly duplicates: readonly string[]
  /**
   * Settles one request answered with `status`, given that it ran alone (nothing else was in flight): a 200
   * must come with exactly one new emit or one duplicate of an id emitted before; anything else with no emit.
   */
  settle(status: number): LedgerProblem
  /** Whether any id was emitted more than once. */
  readonly emittedTwice: readonly string[]
}

/** Records `*` and `duplicate` on a receiver or adapter, to check that every 200 was emitted exactly once. */
export function createLedger(hooks: EmitterMethods): Ledger {
  const emitted = new Map<string, number>()
  const duplicates: string[] = []
  let newEmits: string[] = []
  let newDuplicates: string[] = []
  hooks.on('*', (event) => {
    emitted.set(event.id, (emitted.get(event.id) ?? 0) + 1)
    newEmits.push(event.id)
  })
  hooks.on('duplicate', (event) => {
    duplicates.push(event.id)
    newDuplicates.push(event.id)
  })
  return {
    emitted,
    duplicates,
    get emittedTwice() {
      return [...emitted].filter(([, count]) => count > 1).map(([id]) => id)
    },
    settle(status) {
      const emits = newEmits
      const dups = newDuplicates
      newEmits = []
      newDuplicates = []
      if (emits.some((id) => (emitted.get(id) ?? 0) > 1))
        return `an id was emitted twice: ${emits.join(', ')}`
      if (status !== 200 && status !== 500) {
        return emits.length === 0 ? undefined : `${status} but ${emits.length} emit(s)`
      }
      if (status === 500) return emits.length <= 1 ? undefined : `500 with ${emits.length} emits`
      if (emits.length === 1 && dups.length === 0) return undefined
      if (emits.length === 0 && dups.length === 1 && emitted.has(dups[0] as string)) return undefined
      return `200 with ${emits.length} emit(s) and ${dups.length} duplicate(s)`
    },
  }
}
