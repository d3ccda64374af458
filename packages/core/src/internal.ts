/**
 * @module @blinger-webhooks/core/internal: helpers this project's own packages share (bullmq, cli, inspector,
 * recorder, redis, testing). Undocumented and unstable: it changes with core, whose version every package pins.
 */

export { alarmLine } from './alerts/alarm-line.js'
export {
  createDeadLetters,
  type DeadLetterSink,
} from './dead-letters/create-dead-letters.js'
export { deadLetterOf } from './dead-letters/dead-letter-of.js'
export { deadLetterReasons } from './dead-letters/dead-letter-reasons.js'
export { emitError } from './emitter/emit-error.js'
export { TypedEmitter } from './emitter/typed-emitter.js'
export { describeGiven } from './errors/describe-given.js'
export { messageFrom } from './errors/message-from.js'
export {
  createNdjsonWriter,
  type NdjsonWriteResult,
  type NdjsonWriter,
  type NdjsonWriterOptions,
} from './ndjson/create-ndjson-writer.js'
export { conversationKey } from './order/conversation-key.js'
export { type Outcome, settleWithin } from './pipeline/settle-within.js'
export { normalizeEmptyArrays } from './schemas/normalize-empty-arrays.js'
export { ValidatorByEventName } from './schemas/validators.js'
export { stripBom } from './strip-bom.js'
