/** @module The HTTP conformance suite every adapter runs, written once. Private: never published. */
export {
  type ConformanceApp,
  type ConformanceSettings,
  type CreateConformanceApp,
  describeConformance,
  healthPath,
  otherPath,
  webhookPath,
} from './describe-conformance.js'
