/** A JSON Pointer for the root (`''`), whatever way it was written: the core writes the root as `/`. */
export function normalizePointer(pointer: string): string {
  return pointer === '/' ? '' : pointer
}

/** The pointer of a child: `childPointer('/message', 'id')` is `/message/id` (RFC 6901 escapes applied). */
export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`
}

/** Every proper ancestor of a pointer, root first: `/a/b/c` gives `''`, `/a`, `/a/b`. */
export function ancestorPointers(pointer: string): string[] {
  const ancestors: string[] = []
  for (let end = pointer.lastIndexOf('/'); end > 0; end = pointer.lastIndexOf('/', end - 1)) {
    ancestors.unshift(pointer.slice(0, end))
  }
  if (pointer !== '') ancestors.unshift('')
  return ancestors
}

/** The value at a pointer, or `undefined` when the path does not exist. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root
  let value = root
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}
