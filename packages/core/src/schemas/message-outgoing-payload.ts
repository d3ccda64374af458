import type { Static } from 'typebox'
import { MessagePayloadFor } from './message-payload-for.js'

/** The body of `"webhook":"on_message_outgoing"` ("Event: Outgoing message"). */
export const MessageOutgoingPayload = MessagePayloadFor('on_message_outgoing')
export type MessageOutgoingPayload = Static<typeof MessageOutgoingPayload>
