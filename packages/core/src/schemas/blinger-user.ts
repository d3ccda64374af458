import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { Nullable } from './nullable.js'
import { UnixSeconds } from './unix-seconds.js'

/** A closed conversation's message's `fromBlingerUser`/`toBlingerUser`, where `tags` is JSON text: `"tags":"[]"` or `"tags":null`. */
export const BlingerUser = Type.Object({
  id: Type.Integer(),
  service_blinger_id: Type.Integer(),
  blinger_user_id: Type.Integer(),
  is_active: Type.Boolean(),
  date_updated: UnixSeconds,
  date_created: UnixSeconds,
  tags: Nullable(Type.String({ description: 'JSON-encoded array, e.g. "[]".' })),
  name: Nullable(Type.String()),
  role: Type.String({ description: 'Known values: default (the client), customer (the business account).' }),
  avatar: Nullable(Type.String()),
  application: Application,
  service_user_id: Nullable(Type.String()),
  status: Type.String({ description: 'Known value: enabled.' }),
})
export type BlingerUser = Static<typeof BlingerUser>
