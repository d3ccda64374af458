// Keys that could reach a prototype through a merge; an override never writes them.
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype'])

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype === Object.prototype || prototype === null) return true
  // Another realm's Object.prototype (Jest runs each test file in a vm context of its own): an ordinary object
  // whose prototype has none. A Date or a class instance has a longer chain, and replaces.
  return (
    Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]'
  )
}

/**
 * Deep-merges `overrides` into `base`, in place, and returns `base`. Plain objects merge key by key; arrays and
 * every other value replace what was there; `undefined` deletes the key. Values taken from `overrides` are
 * cloned, so changing the overrides later does not change the result.
 */
export function mergeOverrides<T extends Record<string, unknown>>(base: T, overrides: unknown): T {
  if (!isPlainObject(overrides)) return base
  const target: Record<string, unknown> = base
  for (const key of Object.keys(overrides)) {
    if (unsafeKeys.has(key)) continue
    const value = overrides[key]
    if (value === undefined) delete target[key]
    else if (isPlainObject(value)) {
      // A nested object over a non-object (say `operator: null`) starts from `{}`, so its keys are filtered too.
      const current = target[key]
      target[key] = mergeOverrides(isPlainObject(current) ? current : {}, value)
    } else target[key] = structuredClone(value)
  }
  return base
}
