import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { ChatUser } from './chat-user.js'
import { Nullable } from './nullable.js'
import { Operator } from './operator.js'
import { UnixSeconds } from './unix-seconds.js'

/** A conversation as sent on unassigned and assigned events: an unassigned one carries no `operator`. */
export const Conversation = Type.Object({
  id: Type.Integer(),
  application: Application,
  status: Type.String({ description: 'Known values: unassigned, inbox, closed.' }),
  date_created: UnixSeconds,
  date_updated: UnixSeconds,
  // Absent in the unassigned sample. Also nullable: Blinger's REST API sends `null` for objects it lacks.
  operator: Type.Optional(Nullable(Operator)),
  from_user: ChatUser,
})
export type Conversation = Static<typeof Conversation>
