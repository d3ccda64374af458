/** @module Helpers of the reliability suite: arbitraries, an exactly-once ledger, raw sockets and the apps under test. Private: never published. */
export { arbitraryBody } from './arbitrary-body.js'
export { collectText } from './collect-text.js'
export { consumedStream } from './consumed-stream.js'
export { createLedger, type Ledger, type LedgerProblem } from './create-ledger.js'
export { documentedStatuses } from './documented-statuses.js'
export { expectedStatus } from './expected-status.js'
export { type Listening, listen } from './listen.js'
export { mutatedFixture } from './mutated-fixture.js'
export { nodeListener } from './node-listener.js'
export { postJson } from './post-json.js'
export { postRequest } from './post-request.js'
export { type RawChunk, type RawRequestOptions, type RawResponse, rawRequest } from './raw-request.js'
export { requestHead } from './request-head.js'
export { settledMemory } from './settled-memory.js'
export {
  type AppSettings,
  hookPath,
  type RunningApp,
  type Stack,
  stacks,
  stacksWithBodyParser,
  startApp,
} from './start-app.js'
export { uniqueDelivery } from './unique-delivery.js'
export { within } from './within.js'
