import { valueAt } from './json-pointer.js'

/**
 * A Markdown note listing the fields a delivery had that the schemas do not declare, with their values, ready
 * to paste into an issue (to report drift from Blinger's document, or to widen a schema).
 */
export function driftReport(delivery: {
  readonly name: string | null
  readonly webhook: string | null
  readonly payload: unknown
  readonly unknownFields: readonly string[]
}): string {
  const lines = delivery.unknownFields.map((path) => {
    const value = JSON.stringify(valueAt(delivery.payload, path)) ?? 'undefined'
    return `- \`${path}\`: \`${value.length > 80 ? `${value.slice(0, 80)}…` : value}\``
  })
  return [
    `Fields in a \`${delivery.webhook ?? delivery.name ?? 'unknown'}\` delivery that the v1.0 schema does not declare:`,
    '',
    ...lines,
    '',
  ].join('\n')
}
