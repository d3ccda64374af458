import { Readable } from 'node:stream'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'

/** A `handle()` request: a POST of `raw` as an unread stream, authenticated with `?token=`. */
export function postRequest(
  raw: Buffer | string,
  token: string,
  extra: Partial<HandleRequest> = {},
): HandleRequest {
  return {
    method: 'POST',
    url: `/webhooks/blinger?token=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/json' },
    stream: Readable.from([typeof raw === 'string' ? Buffer.from(raw) : raw]),
    ...extra,
  }
}
