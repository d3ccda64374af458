/** @module @blinger-webhooks/inspector: see what Blinger really sends, live, and resend it to your app. */
export type {
  Delivery,
  DeliveryIssue,
  DeliverySummary,
  InspectorAlarm,
  InspectorInfo,
  InspectorStreamEvents,
  SendResult,
} from './delivery-types.js'
export { findUnknownFields } from './find-unknown-fields.js'
export type { InspectorOptions } from './inspector-options.js'
export { type Inspector, startInspector, webhookPath } from './start-inspector.js'
