import type { Static } from 'typebox'
import { type EventName, EventTable } from './event-table.js'

/** The payload schema of each event name, in the table's order: `EventTable`'s `schema` column. */
export const PayloadSchemaByEventName = Object.fromEntries(
  Object.entries(EventTable).map(([name, row]) => [name, row.schema]),
) as { readonly [N in EventName]: (typeof EventTable)[N]['schema'] }

/** The payload type of each event name, e.g. `PayloadByEventName['user.new']` is `UserNewPayload`. */
export type PayloadByEventName = { [K in EventName]: Static<(typeof EventTable)[K]['schema']> }
