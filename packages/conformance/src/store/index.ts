/** @module Test helpers shared by every dedupe store. Private: never published. Redis helpers are in `./redis`. */
export { describeStoreConformance } from './describe-store-conformance.js'
