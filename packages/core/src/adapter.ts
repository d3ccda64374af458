/**
 * @module @blinger-webhooks/core/adapter: the building blocks of adapters and of the packages built on core.
 * Applications import `@blinger-webhooks/core` instead.
 */
export { messageFrom } from './errors/message-from.js'
export { type Outcome, settleWithin } from './pipeline/settle-within.js'
export { stripBom } from './strip-bom.js'
