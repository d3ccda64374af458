import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Conversation } from './conversation.js'

/** The body of `"webhook":"on_conversation_assigned"` ("Event: Conversation is assigned to operator"). */
export const ConversationAssignedPayload = Type.Object({
  webhook: Type.Literal('on_conversation_assigned'),
  conversation: Conversation,
})
export type ConversationAssignedPayload = Static<typeof ConversationAssignedPayload>
