import { tracingChannel } from 'node:diagnostics_channel'
import { channelNames } from './channel-names.js'
import type { DeliveryContext, HandlersContext } from './diagnostics-contexts.js'

/** The pipeline's tracing channels; created once, so checking `hasSubscribers` is a property read. */
export const deliveryChannel = tracingChannel<unknown, DeliveryContext>(channelNames.delivery)
export const handlersChannel = tracingChannel<unknown, HandlersContext>(channelNames.handlers)
