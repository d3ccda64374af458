import * as Type from 'typebox/type'
import { ChatUser } from './chat-user.js'
import { Message } from './message.js'
import { Nullable } from './nullable.js'
import { Operator } from './operator.js'

/** The shape incoming and outgoing messages share; only the `webhook` literal differs. */
export function MessagePayloadFor<W extends 'on_message_incoming' | 'on_message_outgoing'>(webhook: W) {
  return Type.Object({
    webhook: Type.Literal(webhook),
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
}
