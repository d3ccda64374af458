import Type, { type Static } from 'typebox'
import { ChatUser } from './chat-user.js'
import { Comment } from './comment.js'
import { Nullable } from './nullable.js'
import { Operator } from './operator.js'

/** The body of `"webhook":"on_comment_incoming"` ("Event: Incoming comment"). */
export const CommentIncomingPayload = Type.Object({
  webhook: Type.Literal('on_comment_incoming'),
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
export type CommentIncomingPayload = Static<typeof CommentIncomingPayload>
