import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { User } from './user.js'

/** The body of `"webhook":"on_user_new"` ("Event: New client"). */
export const UserNewPayload = Type.Object({
  webhook: Type.Literal('on_user_new'),
  user: User,
})
export type UserNewPayload = Static<typeof UserNewPayload>
