import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { UnixSeconds } from './unix-seconds.js'

/** A message event's `message` object (v1.0; the older API sent a plain string), with `"tags":["tag1", "tag2"]`. */
export const Message = Type.Object({
  id: Type.Integer(),
  from_user_id: Type.Integer(),
  to_user_id: Type.Integer(),
  type: Type.String({
    description: 'Known values: text, image, file (for image and file, `message` is the URL).',
  }),
  application: Application,
  date_created: UnixSeconds,
  message: Type.String(),
  tags: Type.Array(Type.String()),
})
export type Message = Static<typeof Message>
