import type { MeterProvider, TracerProvider } from '@opentelemetry/api'
import { instrumentationName, instrumentationVersion } from './names.js'
import { createScopes } from './scopes.js'
import { subscribeAlarms } from './subscribe-alarms.js'
import { subscribeDelivery } from './subscribe-delivery.js'
import { subscribeHandlers } from './subscribe-handlers.js'
import { subscribeQueue } from './subscribe-queue.js'
import { instrumentsOf, type Telemetry, tracerOf } from './telemetry.js'

/** Options of `BlingerWebhooksInstrumentation` and `instrument()`. */
export interface BlingerWebhooksInstrumentationConfig {
  /** Subscribe at once. NodeSDK enables an instrumentation that is not. @default true */
  enabled?: boolean
  /** Where spans go. @default the global tracer provider, as registered by NodeSDK or `provider.register()` */
  tracerProvider?: TracerProvider
  /** Where metrics go. @default the global meter provider */
  meterProvider?: MeterProvider
}

/**
 * Traces and metrics for every receiver and queue worker in the process, from the diagnostics channels core
 * publishes: no receiver to pass, no hook to add. Shaped like an OpenTelemetry `Instrumentation`, so it goes in
 * NodeSDK's `instrumentations` list, which hands it the SDK's providers.
 * @example
 * new NodeSDK({ instrumentations: [new HttpInstrumentation(), new BlingerWebhooksInstrumentation()] }).start()
 */
export class BlingerWebhooksInstrumentation {
  readonly instrumentationName = instrumentationName
  readonly instrumentationVersion = instrumentationVersion
  #config: BlingerWebhooksInstrumentationConfig
  #telemetry: Telemetry
  #unsubscribe: (() => void) | undefined

  constructor(config: BlingerWebhooksInstrumentationConfig = {}) {
    this.#config = { ...config }
    this.#telemetry = { tracer: tracerOf(config.tracerProvider), ...instrumentsOf(config.meterProvider) }
    if (config.enabled !== false) this.enable()
  }

  /** Subscribes to the channels. Calling it again does nothing. */
  enable(): void {
    this.#config.enabled = true
    if (this.#unsubscribe !== undefined) return
    const scopes = createScopes()
    const stops = [
      subscribeDelivery(this.#telemetry, scopes),
      subscribeHandlers(this.#telemetry, scopes),
      subscribeQueue(scopes),
      subscribeAlarms(this.#telemetry),
    ]
    scopes.refresh()
    this.#unsubscribe = () => {
      for (const stop of stops) stop()
      scopes.unbindAll()
    }
  }

  /** Unsubscribes: once every instrumentation has, core's channels cost nothing again. */
  disable(): void {
    this.#config.enabled = false
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  setTracerProvider(tracerProvider: TracerProvider): void {
    this.#telemetry.tracer = tracerOf(tracerProvider)
  }

  setMeterProvider(meterProvider: MeterProvider): void {
    Object.assign(this.#telemetry, instrumentsOf(meterProvider))
  }

  getConfig(): BlingerWebhooksInstrumentationConfig {
    return { ...this.#config }
  }

  setConfig(config: BlingerWebhooksInstrumentationConfig): void {
    const { tracerProvider, meterProvider } = config
    this.#config = { ...this.#config, ...config }
    if (tracerProvider !== undefined) this.setTracerProvider(tracerProvider)
    if (meterProvider !== undefined) this.setMeterProvider(meterProvider)
  }
}

/**
 * Starts recording traces and metrics of every receiver in the process; `disable()` on what it returns stops.
 * @example
 * const instrumentation = instrument({ tracerProvider, meterProvider })
 */
export function instrument(
  config: Omit<BlingerWebhooksInstrumentationConfig, 'enabled'> = {},
): BlingerWebhooksInstrumentation {
  return new BlingerWebhooksInstrumentation(config)
}
