import type { Static } from 'typebox'
import * as Type from 'typebox/type'

/** The channel (`"application":"telegrambot"`): an open string, since Blinger adds channels without notice. */
export const Application = Type.String({
  description:
    'Channel. Known values: telegrambot, vk, livechat, facebook, whatsapp, viber, instagram, ok, skype, email.',
})
export type Application = Static<typeof Application>
