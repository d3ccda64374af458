import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { Nullable } from './nullable.js'
import { UnixSeconds } from './unix-seconds.js'

/**
 * The "New client" event's `user`. It is the same record as a `BlingerUser` (`"id":294,"blinger_user_id":374`),
 * which shows `"name":null`, `"avatar":null` and `"service_user_id":null`, so those are nullable here too.
 */
export const User = Type.Object({
  id: Type.Integer(),
  blinger_user_id: Type.Integer(),
  name: Nullable(Type.String()),
  avatar: Nullable(Type.String()),
  application: Application,
  service_user_id: Nullable(Type.String()),
  date_created: UnixSeconds,
})
export type User = Static<typeof User>
