/**
 * The pipeline's steps, which core does not export, for timing one by one. `pipeline-bench.ts` bundles this
 * file with esbuild the way tsup builds core (tsx would wrap every closure in a `__name` call, which makes
 * closure-heavy steps look several times dearer than the built package runs them).
 */
export { dispatch } from '../../packages/core/src/emitter/dispatch.js'
export { groupOf } from '../../packages/core/src/emitter/event-names.js'
export { TypedEmitter } from '../../packages/core/src/emitter/typed-emitter.js'
export { createAuthCheck } from '../../packages/core/src/pipeline/check-auth.js'
export type { DeliveryShape } from '../../packages/core/src/pipeline/check-shape.js'
export { createEvent } from '../../packages/core/src/pipeline/create-event.js'
export { Delivery } from '../../packages/core/src/pipeline/delivery.js'
export { deliveryId } from '../../packages/core/src/pipeline/delivery-id.js'
export { parseJson } from '../../packages/core/src/pipeline/parse-json.js'
export { validatePayload } from '../../packages/core/src/pipeline/validate-payload.js'
export { ValidatorByEventName } from '../../packages/core/src/schemas/validators.js'
export { createMemoryStore } from '../../packages/core/src/store/memory-store.js'
