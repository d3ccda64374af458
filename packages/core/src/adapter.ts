/**
 * @module @blinger-webhooks/core/adapter: what an adapter needs to map one framework onto the pipeline (see
 * CONTRIBUTING.md, "Writing an adapter"). Applications import `@blinger-webhooks/core` or their adapter instead.
 */
export { attachEmitter } from './attach-emitter.js'
export { matchPath } from './match-path.js'
export type {
  BodyStream,
  Fail,
  HandleRequest,
  HandleResponse,
  Reply,
  Responder,
} from './pipeline/handle-types.js'
export { notFoundResponse } from './pipeline/respond.js'
export { responderOf } from './pipeline/responder.js'
export {
  type AdapterReceiverOptions,
  type MountedReceiverOptions,
  resolveReceiver,
} from './resolve-receiver.js'
