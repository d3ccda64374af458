import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { BlingerUser } from './blinger-user.js'
import { Nullable } from './nullable.js'
import { UnixSeconds } from './unix-seconds.js'

/** One item of a closed conversation's `messages`, with `"from_user_name":null` and both Blinger user records. */
export const ClosedConversationMessage = Type.Object({
  id: Type.Integer(),
  from_blinger_user_id: Type.Integer(),
  to_blinger_user_id: Type.Integer(),
  from_user_id: Type.Integer(),
  to_user_id: Type.Integer(),
  type: Type.String({
    description: 'Known values: text, image, file (for image and file, `message` is the URL).',
  }),
  application: Application,
  message: Type.String(),
  blinger_message_id: Type.Integer(),
  date_created: UnixSeconds,
  status: Type.String({ description: 'Known value: sent.' }),
  is_outgoing: Type.Boolean(),
  is_inner_message: Type.Boolean(),
  from_user_name: Nullable(Type.String()),
  // Null in the sample only on the from side; the business account has no name on either side, so both are nullable.
  to_user_name: Nullable(Type.String()),
  fromBlingerUser: BlingerUser,
  toBlingerUser: BlingerUser,
})
export type ClosedConversationMessage = Static<typeof ClosedConversationMessage>
