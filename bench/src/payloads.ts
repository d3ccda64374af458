import { createHmac } from 'node:crypto'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { conversationClosed, messageIncoming } from '@blinger-webhooks/core/fixtures'

/** The secret every bench receiver accepts; it arrives as `?token=`, as Blinger sends it. */
export const token = 'bench-token-5f0c1e9a7b3d2c4e6f8a'
/** The path every HTTP case serves. */
export const path = '/webhooks/blinger'
/** The URL every HTTP request uses, so each case parses the same query. */
export const url = `${path}?token=${token}`
/** The secret `@octokit/webhooks` verifies its HMAC with. */
export const octokitSecret = 'bench-octokit-secret-9d2f'

/** The request `handle()` gets in every in-process case: what an adapter passes after `express.raw()`. */
export function benchRequest(body: Buffer): HandleRequest {
  return {
    method: 'POST',
    url,
    headers: { host: '127.0.0.1', 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  }
}

/** Where a delivery's counter sits in a body, so each delivery can be made distinct in place. */
export interface Template {
  readonly body: Buffer
  /** Byte offset of the 10 counter digits. */
  readonly offset: number
}

const marker = 'bench0000000000'
const digits = 10

function template(value: unknown): Template {
  const body = Buffer.from(JSON.stringify(value))
  const at = body.indexOf(marker)
  if (at === -1 || body.indexOf(marker, at + 1) !== -1) throw new Error('the counter marker must occur once')
  return { body, offset: at + marker.length - digits }
}

/**
 * Writes `n` into the template's counter, in place: the body stays the same size and valid, and its sha256
 * (the delivery id) changes, so dedupe sees a new delivery every time.
 */
export function stamp(t: Template, n: number): Buffer {
  t.body.write(String(n % 10 ** digits).padStart(digits, '0'), t.offset, digits, 'latin1')
  return t.body
}

/** The spec's `message.incoming` sample, with a counter in its conversation token. */
export function smallTemplate(): Template {
  return template({
    ...messageIncoming,
    conversation_token: `${messageIncoming.conversation_token}-${marker}`,
  })
}

/** A `conversation.closed` carrying `count` messages (the sample's, repeated with new ids), with a counter. */
export function largeTemplate(count = 400): Template {
  const samples = conversationClosed.conversation.messages
  const messages = Array.from({ length: count }, (_, i) => {
    const sample = samples[i % samples.length]
    if (sample === undefined) throw new Error('the sample has no messages')
    return { ...sample, id: 10_000 + i, blinger_message_id: 50_000 + i }
  })
  return template({
    ...conversationClosed,
    conversation: {
      ...conversationClosed.conversation,
      messages,
      from_user: { ...conversationClosed.conversation.from_user, service_user_id: marker },
    },
  })
}

/**
 * A GitHub `issues.opened` delivery padded to `size` bytes, for `@octokit/webhooks`, and the headers it
 * requires: the event name, a delivery id and the `sha256=` HMAC of the body under `octokitSecret`.
 */
export function octokitDelivery(size: number): { body: Buffer; headers: Record<string, string> } {
  const base = {
    action: 'opened',
    issue: { id: 1, number: 1, title: 'Bench', body: '', state: 'open', user: { login: 'bench', id: 1 } },
    repository: { id: 1, name: 'bench', full_name: 'bench/bench', owner: { login: 'bench', id: 1 } },
    sender: { login: 'bench', id: 1 },
  }
  const padding = size - Buffer.byteLength(JSON.stringify(base))
  if (padding < 0) throw new Error(`an issues.opened delivery is at least ${size - padding} bytes`)
  base.issue.body = 'x'.repeat(padding)
  const body = Buffer.from(JSON.stringify(base))
  return {
    body,
    headers: {
      'x-github-event': 'issues',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', octokitSecret).update(body).digest('hex')}`,
    },
  }
}
