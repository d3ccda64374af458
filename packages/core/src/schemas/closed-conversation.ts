import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { CloseGroup } from './close-group.js'
import { ClosedConversationMessage } from './closed-conversation-message.js'
import { Conversation } from './conversation.js'
import { ConversationTag } from './conversation-tag.js'
import { Nullable } from './nullable.js'

/** A closed conversation: a conversation plus its `messages`, its `tags` (objects) and its `close_group`. */
export const ClosedConversation = Type.Object({
  ...Conversation.properties,
  messages: Type.Array(ClosedConversationMessage),
  tags: Type.Array(ConversationTag),
  // Optional AND nullable: the webhook sample has an object, Blinger's REST API shows `close_group: null`.
  close_group: Type.Optional(Nullable(CloseGroup)),
})
export type ClosedConversation = Static<typeof ClosedConversation>
