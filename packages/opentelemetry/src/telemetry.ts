import {
  type Counter,
  type Histogram,
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api'
import { instrumentationName, instrumentationVersion, metricNames } from './names.js'

/** The tracer and instruments the subscribers record with; replaced when a provider is set. */
export interface Telemetry {
  tracer: Tracer
  deliveries: Counter
  handlerDuration: Histogram
  payloadSize: Histogram
  alarms: Counter
}

export function tracerOf(provider: TracerProvider | undefined): Tracer {
  return (provider ?? trace.getTracerProvider()).getTracer(instrumentationName, instrumentationVersion)
}

export function instrumentsOf(provider: MeterProvider | undefined): Omit<Telemetry, 'tracer'> {
  const meter = (provider ?? metrics.getMeterProvider()).getMeter(instrumentationName, instrumentationVersion)
  return {
    deliveries: meter.createCounter(metricNames.deliveries, {
      description: 'Deliveries answered, by event and outcome.',
      unit: '{delivery}',
    }),
    handlerDuration: meter.createHistogram(metricNames.handlerDuration, {
      description: 'How long the handlers of one delivery took.',
      unit: 's',
      // The semantic conventions' buckets for durations in seconds; the SDK's default ones are for ms.
      advice: {
        explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
      },
    }),
    alarms: meter.createCounter(metricNames.alarms, {
      description: 'Alarms raised by receivers: silence, resumed, unauthorized.',
      unit: '{alarm}',
    }),
    payloadSize: meter.createHistogram(metricNames.payloadSize, {
      description: 'Size of the delivered payloads.',
      unit: 'By',
      advice: {
        explicitBucketBoundaries: [256, 512, 1024, 2048, 4096, 8192, 16_384, 65_536, 262_144, 1_048_576],
      },
    }),
  }
}
