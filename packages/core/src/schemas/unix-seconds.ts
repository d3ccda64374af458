import type { Static } from 'typebox'
import * as Type from 'typebox/type'

/** A timestamp such as `date_created` or `date_updated`: unix seconds (`1513351579`), never milliseconds. */
export const UnixSeconds = Type.Integer({ minimum: 0, description: 'Unix seconds' })
export type UnixSeconds = Static<typeof UnixSeconds>
