import type { Delivery } from './delivery-types.js'

/** The deliveries an inspector keeps: the latest `max`, oldest dropped first. */
export interface DeliveryLog {
  /** The most deliveries kept. */
  readonly max: number
  /** Numbers a delivery (its `seq`), keeps it, and drops the oldest beyond `max`. */
  add(delivery: Omit<Delivery, 'seq'>): Delivery
  /** Replaces fields of a kept delivery; `undefined` when it was dropped meanwhile. */
  update(seq: number, patch: Partial<Omit<Delivery, 'seq'>>): Delivery | undefined
  /** A kept delivery by its `seq`. */
  get(seq: number): Delivery | undefined
  /** Every kept delivery, newest first. */
  list(): Delivery[]
}

/**
 * Creates a ring buffer of deliveries: memory stays bounded however long the inspector runs, and each
 * operation costs the same whatever `max` is (no shifting of an array).
 */
export function createDeliveryLog(max: number): DeliveryLog {
  if (!Number.isInteger(max) || max <= 0)
    throw new RangeError(`[@blinger-webhooks/inspector] max must be a positive integer, got ${max}.`)
  const slots: (Delivery | undefined)[] = new Array(max)
  let nextSeq = 1

  const get = (seq: number): Delivery | undefined => {
    if (!Number.isInteger(seq) || seq < 1) return undefined
    const kept = slots[(seq - 1) % max]
    return kept?.seq === seq ? kept : undefined
  }

  return {
    max,
    add(delivery) {
      const kept: Delivery = { ...delivery, seq: nextSeq++ }
      slots[(kept.seq - 1) % max] = kept
      return kept
    },
    update(seq, patch) {
      const kept = get(seq)
      if (kept === undefined) return undefined
      const updated: Delivery = { ...kept, ...patch, seq }
      slots[(seq - 1) % max] = updated
      return updated
    },
    get,
    list() {
      const newest = nextSeq - 1
      const kept: Delivery[] = []
      for (let seq = newest; seq >= 1 && seq > newest - max; seq--) {
        const delivery = slots[(seq - 1) % max]
        if (delivery !== undefined) kept.push(delivery)
      }
      return kept
    },
  }
}
