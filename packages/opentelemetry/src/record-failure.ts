import { type Span, SpanStatusCode } from '@opentelemetry/api'
import { attributes } from './names.js'

/** Marks a span failed: the error as an exception event, its type as `error.type`, and status ERROR. */
export function recordFailure(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : String(error)
  span.recordException(exception)
  const code = (error as { code?: unknown } | null)?.code
  span.setAttribute(
    attributes.errorType,
    typeof code === 'string' ? code : error instanceof Error ? error.name : '_OTHER',
  )
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  })
}
