import * as Type from 'typebox/type'
import { ChatUser } from './chat-user.js'
import { Comment } from './comment.js'
import { Nullable } from './nullable.js'
import { Operator } from './operator.js'

/** The shape incoming and outgoing comments share; only the `webhook` literal differs. */
export function CommentPayloadFor<W extends 'on_comment_incoming' | 'on_comment_outgoing'>(webhook: W) {
  return Type.Object({
    webhook: Type.Literal(webhook),
    from_user_id: Type.Integer(),
    to_user_id: Type.Integer(),
    comment_id: Type.Integer(),
    comment_blinger_id: Type.Integer(),
    conversation_id: Type.Integer(),
    conversation_token: Type.String(),
    // The spec sends the object with null fields when unassigned; absent or null is tolerated, as on conversations.
    operator: Type.Optional(Nullable(Operator)),
    from_user: ChatUser,
    to_user: ChatUser,
    comment: Comment,
  })
}
