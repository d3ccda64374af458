import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { mergeOverrides } from '../src/merge-overrides.js'

describe('mergeOverrides', () => {
  it('merges objects key by key and replaces arrays and other values', () => {
    const base = { a: { b: 1, c: 2 }, list: [1, 2, 3], n: null as null | { x: number }, s: 'x' }
    const merged = mergeOverrides(base, { a: { c: 3 }, list: [9], n: { x: 1 }, s: 'y' })
    expect(merged).toEqual({ a: { b: 1, c: 3 }, list: [9], n: { x: 1 }, s: 'y' })
    expect(merged).toBe(base)
  })

  it('deletes a key given as undefined and ignores non-object overrides', () => {
    expect(mergeOverrides({ a: 1, b: 2 }, { a: undefined })).toEqual({ b: 2 })
    expect(mergeOverrides({ a: 1 }, undefined)).toEqual({ a: 1 })
    expect(mergeOverrides({ a: 1 }, [1, 2])).toEqual({ a: 1 })
  })

  it('clones what it takes from the overrides', () => {
    const overrides = { list: [{ id: 1 }], nested: { deep: { v: 1 } } }
    const merged = mergeOverrides({} as Record<string, unknown>, overrides)
    overrides.list[0] = { id: 2 }
    overrides.nested.deep.v = 2
    expect(merged).toEqual({ list: [{ id: 1 }], nested: { deep: { v: 1 } } })
  })

  it('cannot pollute a prototype through __proto__, constructor or prototype', () => {
    const hostile = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}',
    )
    const merged = mergeOverrides({ nested: {} } as Record<string, unknown>, hostile)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.keys(merged)).toEqual(['nested'])
    expect(Object.getPrototypeOf(merged.nested)).toBe(Object.prototype)
    expect(Object.keys(merged.nested as object)).toEqual([])
  })

  it('merges overrides made in another realm, as Jest’s test files are', () => {
    const overrides = runInNewContext('({ message: { message: "from another realm" } })')
    const merged = mergeOverrides(
      { message: { id: 1, message: 'base' } } as Record<string, unknown>,
      overrides,
    )
    expect(merged).toEqual({ message: { id: 1, message: 'from another realm' } })
  })

  it('still replaces, not merges, a class instance from another realm', () => {
    const date = runInNewContext('new Date(0)')
    const merged = mergeOverrides({ at: { x: 1 } } as Record<string, unknown>, { at: date })
    expect(merged.at).toEqual(new Date(0))
  })
})
