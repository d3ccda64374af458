// The inspector's wire format: what the API, the event stream and the page share. This file imports
// nothing, so the browser bundle can use these types without pulling in Node or the core.

/** One schema mismatch, as a JSON Pointer into the payload and a short message (the core's `ValidationIssue`). */
export interface DeliveryIssue {
  readonly path: string
  readonly message: string
}

/** What one send to a target app gave: a forward, a replay or a sample. */
export interface SendResult {
  /** The URL the body was sent to. */
  readonly target: string
  /** The target's HTTP status; `null` when no response came (see `error`). */
  readonly status: number | null
  /** Milliseconds from sending to the end of the response headers, or to the failure. */
  readonly ms: number
  /** The start of the response body, at most 4 KiB. */
  readonly body: string
  /** Why no response came: refused, timed out, bad address. `null` when a response came. */
  readonly error: string | null
  /** When the send started, ISO 8601. */
  readonly at: string
}

/** A delivery as the list shows it: everything but the body, the payload and the detail lists. */
export interface DeliverySummary {
  /** The inspector's own number for it, from 1; the `:seq` of `/api/deliveries/:seq`. */
  readonly seq: number
  /** The core's delivery id (sha256 of the body); `null` when the request never got that far. */
  readonly id: string | null
  /** The account of the token it came with (a key of a `token` map); `null` for one unnamed token. */
  readonly account: string | null
  /** When it arrived, ISO 8601. */
  readonly receivedAt: string
  readonly method: string
  /** The request path, without the query (which may hold the token). */
  readonly path: string
  /** The status the inspector answered, as the core pipeline chose it. */
  readonly status: number
  /** The body's size in bytes. */
  readonly size: number
  /** Blinger's `webhook` field, e.g. `on_message_incoming`; `null` when the body had none. */
  readonly webhook: string | null
  /** The event name, e.g. `message.incoming`, or `unknown` for a webhook outside v1.0; `null` when not a delivery. */
  readonly name: string | null
  /** Seen before within the dedupe window. */
  readonly duplicate: boolean
  /** Failed its schema (lenient validation still accepted it). */
  readonly invalid: boolean
  readonly issueCount: number
  readonly unknownFieldCount: number
  /** The error code the inspector answered with (`invalid_json`, `unauthorized`, …); `null` on success. */
  readonly error: string | null
  /** The result of relaying it to `--forward`; `null` while pending or without `--forward`. */
  readonly forward: SendResult | null
}

/** A delivery with everything the detail view shows. */
export interface Delivery extends DeliverySummary {
  /** The body as received, decoded as UTF-8. */
  readonly body: string
  /** The body parsed as JSON; `null` when it is not JSON, or nests more than 100 levels deep (see `body`). */
  readonly payload: unknown
  /** The schema mismatches, at most ten (empty when it matches). */
  readonly issues: readonly DeliveryIssue[]
  /** JSON Pointers of fields the schemas do not declare: drift from Blinger's document. */
  readonly unknownFields: readonly string[]
  /** The response the inspector gave the sender. */
  readonly response: { readonly status: number; readonly body: string }
}

/** What the page needs to know about the running inspector (`GET /api/info`). */
export interface InspectorInfo {
  /** Where to send webhooks, with `?token=` when a token is set. */
  readonly webhookUrl: string
  /** The `--forward` URL, or `null`. */
  readonly forward: string | null
  /** How many deliveries are kept. */
  readonly max: number
  /** The sample names `POST /api/samples/:name/send` accepts: every event name. */
  readonly samples: readonly string[]
}

/** An alarm of the inspector's receiver (core's `alerts` option), as the page shows it. */
export interface InspectorAlarm {
  /** `silence`, `resumed` (the silence ended) or `unauthorized` (wrong tokens and no right one). */
  readonly kind: 'silence' | 'resumed' | 'unauthorized'
  /** When it was raised, ISO 8601. */
  readonly at: string
  /** The receiver's warning line: counts and times, never a token. */
  readonly text: string
}

/** The messages of `GET /api/events`, by SSE event name. */
export interface InspectorStreamEvents {
  /** Sent first on every connection: the kept deliveries, newest first, as many as fit in 2 MiB. */
  readonly snapshot: { readonly deliveries: readonly DeliverySummary[] }
  /** A new delivery arrived. */
  readonly delivery: DeliverySummary
  /** A delivery changed (its forward result came in). */
  readonly update: DeliverySummary
  /** The receiver raised an alarm. */
  readonly alarm: InspectorAlarm
}
