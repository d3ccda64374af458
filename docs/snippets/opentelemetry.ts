// telemetry.ts
import { BlingerWebhooksInstrumentation } from '@blinger-webhooks/opentelemetry'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { NodeSDK } from '@opentelemetry/sdk-node'

new NodeSDK({
  serviceName: 'blinger-receiver', // exporters from OTEL_EXPORTER_OTLP_ENDPOINT, as usual
  instrumentations: [
    new HttpInstrumentation({ redactedQueryParamsServer: ['token'] }), // keeps ?token= out of the HTTP span
    new BlingerWebhooksInstrumentation(),
  ],
}).start()
