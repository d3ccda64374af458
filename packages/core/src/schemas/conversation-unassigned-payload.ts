import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Conversation } from './conversation.js'

/** The body of `"webhook":"on_conversation_unassigned"` ("Event: Conversation is unassigned"). */
export const ConversationUnassignedPayload = Type.Object({
  webhook: Type.Literal('on_conversation_unassigned'),
  conversation: Conversation,
})
export type ConversationUnassignedPayload = Static<typeof ConversationUnassignedPayload>
