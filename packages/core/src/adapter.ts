/**
 * @module @blinger-webhooks/core/adapter: the building blocks of adapters and of the packages built on core.
 * Applications import `@blinger-webhooks/core` instead.
 */
export { attachEmitter } from './attach-emitter.js'
export { emitError } from './emitter/emit-error.js'
export { TypedEmitter } from './emitter/typed-emitter.js'
export { describeGiven } from './errors/describe-given.js'
export { messageFrom } from './errors/message-from.js'
export { matchPath } from './match-path.js'
export type { BodyStream, HandleRequest } from './pipeline/handle-types.js'
export { notFoundResponse } from './pipeline/respond.js'
export { type Outcome, settleWithin } from './pipeline/settle-within.js'
export {
  type AdapterReceiverOptions,
  type MountedReceiverOptions,
  resolveReceiver,
} from './resolve-receiver.js'
export { stripBom } from './strip-bom.js'
