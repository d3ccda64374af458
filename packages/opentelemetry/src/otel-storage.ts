import { AsyncLocalStorage } from 'node:async_hooks'
import { type Context, context } from '@opentelemetry/api'

/**
 * The AsyncLocalStorage behind OpenTelemetry's active context, when the registered context manager has one
 * (`AsyncLocalStorageContextManager`, NodeSDK's default). Binding it to a tracing channel's `start` makes our
 * span the active one while the traced code runs, so the spans handlers start are its children. The API
 * offers no public way to it yet (open-telemetry/opentelemetry-js#6088); Sentry reads the same fields. Without
 * it, our spans still nest, through our own storage; only spans the handlers start lose their parent.
 */
export function otelStorage(): AsyncLocalStorage<Context> | undefined {
  const api = context as unknown as { _getContextManager?: () => unknown }
  const manager = api._getContextManager?.() as { _asyncLocalStorage?: unknown } | undefined
  const storage = manager?._asyncLocalStorage
  return storage instanceof AsyncLocalStorage ? (storage as AsyncLocalStorage<Context>) : undefined
}
