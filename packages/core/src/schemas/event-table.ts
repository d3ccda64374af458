import type { TSchema } from 'typebox'
import { CommentIncomingPayload } from './comment-incoming-payload.js'
import { CommentOutgoingPayload } from './comment-outgoing-payload.js'
import { ConversationAssignedPayload } from './conversation-assigned-payload.js'
import { ConversationClosedPayload } from './conversation-closed-payload.js'
import { ConversationUnassignedPayload } from './conversation-unassigned-payload.js'
import { MessageIncomingPayload } from './message-incoming-payload.js'
import { MessageOutgoingPayload } from './message-outgoing-payload.js'
import { UserNewPayload } from './user-new-payload.js'

/** A payload schema whose `webhook` property is one literal: what every row's `schema` must be. */
type PayloadSchema = TSchema & { readonly properties: { readonly webhook: { readonly const: string } } }

/**
 * Every Blinger Webhooks v1.0 event, one row each: our event name (`<group>.<name>`) → Blinger's `webhook` value
 * and the payload schema. The single source: the names, groups and webhook map (`emitter/event-names.ts`), the
 * payload types, validators and JSON Schemas, the emitter's listener types, the CLI's choices and the inspector's
 * samples all follow from it. Adding an event: CONTRIBUTING.md, "Adding an event".
 */
export const EventTable = {
  'conversation.unassigned': { webhook: 'on_conversation_unassigned', schema: ConversationUnassignedPayload },
  'conversation.assigned': { webhook: 'on_conversation_assigned', schema: ConversationAssignedPayload },
  'conversation.closed': { webhook: 'on_conversation_closed', schema: ConversationClosedPayload },
  'message.incoming': { webhook: 'on_message_incoming', schema: MessageIncomingPayload },
  'message.outgoing': { webhook: 'on_message_outgoing', schema: MessageOutgoingPayload },
  'comment.incoming': { webhook: 'on_comment_incoming', schema: CommentIncomingPayload },
  'comment.outgoing': { webhook: 'on_comment_outgoing', schema: CommentOutgoingPayload },
  'user.new': { webhook: 'on_user_new', schema: UserNewPayload },
} as const satisfies {
  readonly [name: `${string}.${string}`]: { readonly webhook: `on_${string}`; readonly schema: PayloadSchema }
}

/** One of the event names of the table above, such as `message.incoming`. */
export type EventName = keyof typeof EventTable

/** Blinger's `webhook` value of each event name, as the table writes it. */
export type WebhookOf<N extends EventName> = (typeof EventTable)[N]['webhook']

// The row's `webhook` and its schema's `webhook` literal are written apart; a row whose two differ names
// itself here, so a schema copied from another event cannot slip through with the wrong literal.
type MismatchedRow = {
  [N in EventName]: WebhookOf<N> extends (typeof EventTable)[N]['schema']['properties']['webhook']['const']
    ? never
    : N
}[EventName]
type RowsMatchTheirSchemas<Mismatched extends never> = Mismatched
export type CheckedRows = RowsMatchTheirSchemas<MismatchedRow>
