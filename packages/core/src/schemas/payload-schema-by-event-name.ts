import type { Static, TSchema } from 'typebox'
import type { EventName } from '../emitter/event-names.js'
import { CommentIncomingPayload } from './comment-incoming-payload.js'
import { CommentOutgoingPayload } from './comment-outgoing-payload.js'
import { ConversationAssignedPayload } from './conversation-assigned-payload.js'
import { ConversationClosedPayload } from './conversation-closed-payload.js'
import { ConversationUnassignedPayload } from './conversation-unassigned-payload.js'
import { MessageIncomingPayload } from './message-incoming-payload.js'
import { MessageOutgoingPayload } from './message-outgoing-payload.js'
import { UserNewPayload } from './user-new-payload.js'

/** The payload schema of each event name, in the order of `EventNameByWebhook`. */
export const PayloadSchemaByEventName = {
  'conversation.unassigned': ConversationUnassignedPayload,
  'conversation.assigned': ConversationAssignedPayload,
  'conversation.closed': ConversationClosedPayload,
  'message.incoming': MessageIncomingPayload,
  'message.outgoing': MessageOutgoingPayload,
  'comment.incoming': CommentIncomingPayload,
  'comment.outgoing': CommentOutgoingPayload,
  'user.new': UserNewPayload,
} as const satisfies Record<EventName, TSchema>

/** The payload type of each event name, e.g. `PayloadByEventName['user.new']` is `UserNewPayload`. */
export type PayloadByEventName = { [K in EventName]: Static<(typeof PayloadSchemaByEventName)[K]> }
