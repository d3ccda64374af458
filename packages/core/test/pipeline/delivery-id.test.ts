import { expect, test } from 'vitest'
import { canonicalJson, deliveryId } from '../../src/pipeline/delivery-id.js'

test('the same raw bytes always give the same sha256 hex', () => {
  const id = deliveryId(Buffer.from('{"webhook":"on_user_new"}'))
  // sha256sum of the same bytes.
  expect(id).toBe('409de82dd9bb347dab053ef67ad58111e2a18480c78f31bb7a512fb3d12f81c1')
  expect(deliveryId('{"webhook":"on_user_new"}')).toBe(id)
})

test('a parsed object hashes its canonical JSON, whatever the key order', () => {
  expect(deliveryId({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
    deliveryId({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
  )
  expect(canonicalJson({ b: 1, a: [undefined, 'é'], skip: undefined })).toBe('{"a":[null,"é"],"b":1}')
})
