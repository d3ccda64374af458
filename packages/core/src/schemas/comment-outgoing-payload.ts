import type { Static } from 'typebox'
import { CommentPayloadFor } from './comment-payload-for.js'

/** The body of `"webhook":"on_comment_outgoing"` ("Event: Outgoing comment"). */
export const CommentOutgoingPayload = CommentPayloadFor('on_comment_outgoing')
export type CommentOutgoingPayload = Static<typeof CommentOutgoingPayload>
