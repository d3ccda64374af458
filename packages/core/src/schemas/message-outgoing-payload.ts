import Type, { type Static } from 'typebox'
import { ChatUser } from './chat-user.js'
import { Message } from './message.js'
import { Nullable } from './nullable.js'
import { Operator } from './operator.js'

/** The body of `"webhook":"on_message_outgoing"` ("Event: Outgoing message"). */
export const MessageOutgoingPayload = Type.Object({
  webhook: Type.Literal('on_message_outgoing'),
  from_user_id: Type.Integer(),
  to_user_id: Type.Integer(),
  message_id: Type.Integer(),
  message_blinger_id: Type.Integer(),
  conversation_id: Type.Integer(),
  conversation_token: Type.String(),
  // The spec sends the object with null fields when unassigned; absent or null is tolerated, as on conversations.
  operator: Type.Optional(Nullable(Operator)),
  from_user: ChatUser,
  to_user: ChatUser,
  message: Message,
})
export type MessageOutgoingPayload = Static<typeof MessageOutgoingPayload>
