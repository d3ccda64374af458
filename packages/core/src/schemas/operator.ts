import type { Static } from 'typebox'
import * as Type from 'typebox/type'
import { Nullable } from './nullable.js'

/** The operator a conversation is assigned to: each field is "null if conversation is not assigned to operator". */
export const Operator = Type.Object({
  id: Nullable(Type.Integer()),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
})
export type Operator = Static<typeof Operator>
