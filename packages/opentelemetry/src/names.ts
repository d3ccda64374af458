/** This package's name and version, as the tracer and meter it makes are named. */
export const instrumentationName = '@blinger-webhooks/opentelemetry'
export const instrumentationVersion = '0.1.0'

/** The spans this package makes. */
export const spanNames = {
  /** One per `handle()`: kind SERVER, a child of the HTTP server span when one is active. */
  receive: 'blinger.webhook receive',
  /** One per run of the handlers: INTERNAL under `receive`; CONSUMER in a queue worker, linked to the receiver. */
  process: 'blinger.webhook process',
} as const

/** The metrics this package records. */
export const metricNames = {
  /** Counter of deliveries answered, by event and outcome. */
  deliveries: 'blinger.webhook.deliveries',
  /** Histogram of how long the handlers of one delivery took, in seconds, by event and outcome. */
  handlerDuration: 'blinger.webhook.handler.duration',
  /** Histogram of payload sizes in bytes, by event. */
  payloadSize: 'blinger.webhook.payload.size',
  /** Counter of alarms raised (the `alerts` option), by kind: `silence`, `resumed`, `unauthorized`. */
  alarms: 'blinger.webhook.alarms',
} as const

// Attribute keys: OpenTelemetry's messaging and HTTP semantic conventions where one fits (copied, as the
// conventions advise for their experimental part, rather than depending on @opentelemetry/semantic-conventions).
export const attributes = {
  messagingSystem: 'messaging.system',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  /** Our event name, e.g. `message.incoming`: the "topic" a delivery was sent to. */
  destinationName: 'messaging.destination.name',
  /** The delivery id. */
  messageId: 'messaging.message.id',
  bodySize: 'messaging.message.body.size',
  statusCode: 'http.response.status_code',
  errorType: 'error.type',
  /** Blinger's own `webhook` value, e.g. `on_message_incoming`; `unknown` for any value outside the eight. */
  webhook: 'blinger.webhook',
  /** What became of the delivery or of its handlers: core's `DeliveryOutcome`. */
  outcome: 'blinger.outcome',
  /** The attempt of a queue worker at a job, 1 for the first. */
  attempt: 'blinger.attempt',
  /** The kind of an alarm: `silence`, `resumed` or `unauthorized`. */
  alarm: 'blinger.alarm',
} as const
