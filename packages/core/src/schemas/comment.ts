import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { UnixSeconds } from './unix-seconds.js'

/** A comment event's `comment`: a comment under a post (`"post_title":"Пост из вк"`), replying to `reply_comment_id`. */
export const Comment = Type.Object({
  id: Type.Integer(),
  from_user_id: Type.Integer(),
  to_user_id: Type.Integer(),
  reply_comment_id: Type.Integer(),
  type: Type.String({
    description: 'Known values: text, image, file (for image and file, `message` is the URL).',
  }),
  post_id: Type.String(),
  post_url: Type.String(),
  post_title: Type.String(),
  application: Application,
  date_created: UnixSeconds,
  message: Type.String(),
})
export type Comment = Static<typeof Comment>
