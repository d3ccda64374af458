import type { Delivery, DeliverySummary } from './delivery-types.js'

/** The list view of a delivery: what the event stream sends, without the body and the detail lists. */
export function summarizeDelivery(delivery: Delivery): DeliverySummary {
  const {
    body: _body,
    payload: _payload,
    issues: _issues,
    unknownFields: _unknown,
    response: _response,
    ...summary
  } = delivery
  return summary
}
