/**
 * The pieces `createReceiver` assembles, for `channels-bench.ts` to build `handle()` with and without the
 * delivery trace's wrapper. Bundled with esbuild, like `steps.ts`.
 */
export { createReceiver } from '../../packages/core/src/create-receiver.js'
export { traceDelivery } from '../../packages/core/src/diagnostics/trace-delivery.js'
export { TypedEmitter } from '../../packages/core/src/emitter/typed-emitter.js'
export { createAuthCheck } from '../../packages/core/src/pipeline/check-auth.js'
export { createPipeline, handle } from '../../packages/core/src/pipeline/pipeline.js'
export { resolveOptions } from '../../packages/core/src/receiver-options.js'
