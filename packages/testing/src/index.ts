/** @module @blinger-webhooks/testing: typed sample payloads with deep-merged overrides, and deliver() to test handlers. */
export { type CreatePayloadOptions, createPayload } from './create-payload.js'
export type { DeepPartial } from './deep-partial.js'
export { type DeliverOptions, type DeliverResult, type DeliverTarget, deliver } from './deliver.js'
export { DeliverError } from './deliver-error.js'
