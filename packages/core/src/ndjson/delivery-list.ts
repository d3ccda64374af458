/** The most ids one message names; the rest are counted. */
export const listedIds = 20

/** `delivery 5b1f…` or `deliveries 5b1f…, 9e0c… and 3 more`: the first `listedIds` ids, and a count of the rest. */
export function deliveryList(ids: readonly string[], more: number): string {
  const total = ids.length + more
  const rest = more > 0 ? ` and ${more} more` : ''
  return `${total === 1 ? 'delivery' : 'deliveries'} ${ids.join(', ')}${rest}`
}
