/**
 * The overrides `createPayload` and `deliver` accept for a payload of type `T`: every field optional at every
 * depth, and nothing else, so a misspelt field fails to compile. Arrays are given whole (they replace the
 * sample's array). `undefined` is allowed only where `T` itself allows the field to be absent, and removes it.
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? {
        [K in keyof T]?: DeepPartial<Exclude<T[K], undefined>> | (undefined extends T[K] ? undefined : never)
      }
    : T
