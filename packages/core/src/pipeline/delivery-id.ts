import { sha256 } from '#platform'

/** A body as it arrived, before parsing: what the delivery id of a raw body is the hash of. */
export interface RawBody {
  readonly raw: Uint8Array | string
}

/**
 * The id of a delivery: the sha256 hex of its raw bytes. Blinger sends no delivery id, so the content is
 * the id: a retry of the same delivery gets the same one. A body that arrives already parsed is hashed as
 * canonical JSON (sorted keys), so mounting a body parser first does not change how duplicates are found.
 */
export function deliveryId(body: Uint8Array | string | object): string {
  return sha256(typeof body === 'object' && !(body instanceof Uint8Array) ? canonicalJson(body) : body, 'hex')
}

/** JSON with object keys sorted at every depth: one text for every key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
