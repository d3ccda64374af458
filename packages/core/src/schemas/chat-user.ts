import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Application } from './application.js'
import { Nullable } from './nullable.js'
import { UnixSeconds } from './unix-seconds.js'

/**
 * A conversation's `from_user`, or a message's or comment's `from_user`/`to_user`: one shape, where
 * `page_title` and `page_url` are "only for livechat" and `application` appears only on message and comment users.
 */
export const ChatUser = Type.Object({
  user_id: Type.Integer(),
  role: Type.String({ description: 'Known values: default (the client), customer (the business account).' }),
  title: Nullable(Type.String()),
  avatar: Nullable(Type.String()),
  // "only for livechat"; optional AND nullable, since Blinger's REST API sends `page_url: null`.
  page_title: Type.Optional(Nullable(Type.String())),
  page_url: Type.Optional(Nullable(Type.String())),
  status: Type.String({ description: 'Known value: enabled.' }),
  // Absent from a conversation's `from_user` (the conversation carries its own `application`).
  application: Type.Optional(Application),
  service_user_id: Nullable(Type.String()),
  date_created: UnixSeconds,
})
export type ChatUser = Static<typeof ChatUser>
