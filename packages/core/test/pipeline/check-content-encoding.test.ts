import { expect, test } from 'vitest'
import { checkContentEncoding } from '../../src/pipeline/check-content-encoding.js'

test.each([
  [undefined, true],
  ['', true],
  ['identity', true],
  [' Identity ', true],
  ['identity, identity', true],
  [['identity'], true],
  [[], true],
  ['gzip', false],
  ['x-gzip', false],
  ['deflate', false],
  ['br', false],
  ['zstd', false],
  ['GZIP', false],
  ['identity, gzip', false],
  ['gzip, identity', false],
  [['identity', 'deflate'], false],
  ['compress', false],
])('%s → %s', (header, expected) => {
  expect(checkContentEncoding(header)).toBe(expected)
})
