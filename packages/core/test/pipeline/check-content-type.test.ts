import { expect, test } from 'vitest'
import { checkContentType } from '../../src/pipeline/check-content-type.js'

test.each([
  [undefined, true],
  ['', true],
  ['application/json', true],
  ['application/json; charset=utf-8', true],
  [' APPLICATION/JSON ', true],
  ['application/problem+json', true],
  [['application/json'], true],
  ['application/xml', false],
  ['text/json', false],
  ['application/jsonx', false],
  ['multipart/form-data', false],
])('%s → %s', (header, expected) => {
  expect(checkContentType(header)).toBe(expected)
})
