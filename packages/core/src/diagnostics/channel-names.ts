/**
 * The names of the `node:diagnostics_channel` channels blinger-webhooks publishes. Prefixed with the package
 * name, as undici does (`undici:request:create`); a tracing channel's events are
 * `tracing:<name>:start|end|asyncStart|asyncEnd|error`, as with Fastify's `tracing:fastify.request.handler:*`.
 */
export const channelNames = {
  /** Tracing channel around each `handle()`: from the request to the answer. Context: `DeliveryContext`. */
  delivery: 'blinger-webhooks:delivery',
  /** Tracing channel around one run of the handlers of a delivery, HTTP or queued. Context: `HandlersContext`. */
  handlers: 'blinger-webhooks:handlers',
  /** Plain channel, published as queue mode stores a job. Message: `EnqueueMessage`. */
  enqueue: 'blinger-webhooks:enqueue',
  /** Tracing channel around a queue worker's run of one job. Context: `JobContext`. */
  job: 'blinger-webhooks:job',
  /** Plain channel, published as a receiver raises an alarm (`silence`, `resumed`, `unauthorized`). Message: `AlarmMessage`. */
  alarm: 'blinger-webhooks:alarm',
} as const
