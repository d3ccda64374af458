/** The filter key of deliveries that are no v1.0 event: an unknown webhook, or a rejected request. */
export const otherEvents = 'other'

/** The filter key of a delivery: its event name, or `other`. */
export function eventKey(delivery: { readonly name: string | null }, known: readonly string[]): string {
  return delivery.name !== null && known.includes(delivery.name) ? delivery.name : otherEvents
}

/** How many deliveries each filter key has: every known event name (0 when none came), then `other` if any. */
export function countByEvent(
  deliveries: readonly { readonly name: string | null }[],
  known: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>(known.map((name) => [name, 0]))
  for (const delivery of deliveries) {
    const key = eventKey(delivery, known)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
