import { expect, test } from 'vitest'
import { isDuplicateAnswer } from '../../../ui/lib/is-duplicate-answer.js'

test('a receiver’s duplicate answer, and nothing else', () => {
  expect(isDuplicateAnswer('{"ok":true,"duplicate":true}')).toBe(true)
  expect(isDuplicateAnswer('{"ok":true}')).toBe(false)
  expect(isDuplicateAnswer('{"duplicate":"yes"}')).toBe(false)
  expect(isDuplicateAnswer('null')).toBe(false)
  expect(isDuplicateAnswer('<html>duplicate</html>')).toBe(false)
  expect(isDuplicateAnswer('{"ok":true,"duplicate":tr…')).toBe(false)
})
