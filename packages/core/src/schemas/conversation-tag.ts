import type { Static } from 'typebox'
import * as Type from 'typebox/type'

/** One item of a closed conversation's `tags`: `{"id":"id","title":"test1","message_id":"634"}`, every field a string. */
export const ConversationTag = Type.Object({
  id: Type.String(),
  title: Type.String(),
  message_id: Type.String({ description: 'The tagged message id, as a string ("634").' }),
})
export type ConversationTag = Static<typeof ConversationTag>
