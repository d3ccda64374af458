/** @module @blinger-webhooks/recorder: records accepted Blinger deliveries as NDJSON, for replay in staging. */
export {
  type Recorder,
  type RecordOptions,
  type RecordStream,
  recordDeliveries,
} from './record-deliveries.js'
export { formatRecordedDelivery, type RecordedDelivery } from './recorded-delivery.js'
