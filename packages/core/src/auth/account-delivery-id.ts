/**
 * A delivery's id within its account: `acme/<sha256 hex>`, so the same bytes sent by two accounts are two
 * deliveries (the dedupe key, the Redis key and the BullMQ job id all carry it). `/`, as BullMQ refuses `:`
 * in a job id. The single-account forms keep the bare 64-hex id.
 */
export function accountDeliveryId(account: string | undefined, id: string): string {
  return account === undefined ? id : `${account}/${id}`
}
