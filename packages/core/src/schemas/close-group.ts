import type { Static } from 'typebox'
import * as Type from 'typebox/type'

/** Why a conversation was closed: the spec's PHP `'close_group' => ['title' => 'Duplicate']`, i.e. `{"title":"Duplicate"}`. */
export const CloseGroup = Type.Object({
  title: Type.String(),
})
export type CloseGroup = Static<typeof CloseGroup>
