import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { ClosedConversation } from './closed-conversation.js'

/** The body of `"webhook":"on_conversation_closed"` ("Event: Conversation is closed"), with the full history. */
export const ConversationClosedPayload = Type.Object({
  webhook: Type.Literal('on_conversation_closed'),
  conversation: ClosedConversation,
})
export type ConversationClosedPayload = Static<typeof ConversationClosedPayload>
