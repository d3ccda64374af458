import type { TNull, TSchema, TUnion } from 'typebox'
import * as Type from 'typebox/type'

/** `schema` or `null`: Blinger sends `null` for a value it does not have ("null if conversation is not assigned"). */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()])
}
