import type { Channel, TracingChannel } from 'node:diagnostics_channel'
import { alarmChannel as alarm, deliveryChannel as delivery, handlersChannel as handlers } from '#platform'
import type { DeliveryContext, HandlersContext } from './diagnostics-contexts.js'

// The pipeline's tracing channels, created once by the Node build of `#platform`, so checking `hasSubscribers`
// is a property read. The Web build has no `node:diagnostics_channel`: a channel nobody can subscribe to, whose
// `hasSubscribers` keeps the pipeline from ever tracing.
const absent = { hasSubscribers: false } as TracingChannel<unknown, never>

export const deliveryChannel: TracingChannel<unknown, DeliveryContext> = delivery ?? absent
export const handlersChannel: TracingChannel<unknown, HandlersContext> = handlers ?? absent
export const alarmChannel: Channel = alarm ?? (absent as unknown as Channel)
