import type { Static } from 'typebox'
import { CommentPayloadFor } from './comment-payload-for.js'

/** The body of `"webhook":"on_comment_incoming"` ("Event: Incoming comment"). */
export const CommentIncomingPayload = CommentPayloadFor('on_comment_incoming')
export type CommentIncomingPayload = Static<typeof CommentIncomingPayload>
