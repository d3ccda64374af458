import { describe, expect, test } from 'vitest'
import { ancestorPointers, childPointer, normalizePointer, valueAt } from '../../../ui/lib/json-pointer.js'

describe('json-pointer helpers', () => {
  test('normalizePointer turns the core root "/" into ""', () => {
    expect(normalizePointer('/')).toBe('')
    expect(normalizePointer('/message/id')).toBe('/message/id')
  })

  test('childPointer escapes ~ and /', () => {
    expect(childPointer('', 'message')).toBe('/message')
    expect(childPointer('/a', 0)).toBe('/a/0')
    expect(childPointer('', 'a/b~c')).toBe('/a~1b~0c')
  })

  test('ancestorPointers lists every branch above a path, root first', () => {
    expect(ancestorPointers('/a/b/c')).toEqual(['', '/a', '/a/b'])
    expect(ancestorPointers('/a')).toEqual([''])
    expect(ancestorPointers('')).toEqual([])
  })

  test('valueAt reads through objects and arrays, undefined when absent', () => {
    const value = { a: [{ 'b/c': 1 }], n: null }
    expect(valueAt(value, '/a/0/b~1c')).toBe(1)
    expect(valueAt(value, '')).toBe(value)
    expect(valueAt(value, '/n')).toBeNull()
    expect(valueAt(value, '/n/x')).toBeUndefined()
    expect(valueAt(value, '/missing')).toBeUndefined()
  })
})
