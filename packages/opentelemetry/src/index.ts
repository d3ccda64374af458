/**
 * @module @blinger-webhooks/opentelemetry: OpenTelemetry spans and metrics for Blinger webhooks, made from the
 * diagnostics channels @blinger-webhooks/core publishes.
 */
export {
  BlingerWebhooksInstrumentation,
  type BlingerWebhooksInstrumentationConfig,
  instrument,
} from './blinger-webhooks-instrumentation.js'
export { attributes, instrumentationName, instrumentationVersion, metricNames, spanNames } from './names.js'
