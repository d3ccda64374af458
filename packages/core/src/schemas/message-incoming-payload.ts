import type { Static } from 'typebox'
import { MessagePayloadFor } from './message-payload-for.js'

/** The body of `"webhook":"on_message_incoming"` ("Event: Incoming message"). */
export const MessageIncomingPayload = MessagePayloadFor('on_message_incoming')
export type MessageIncomingPayload = Static<typeof MessageIncomingPayload>
