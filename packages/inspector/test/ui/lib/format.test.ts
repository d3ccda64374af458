import { expect, test } from 'vitest'
import { formatSize } from '../../../ui/lib/format-size.js'
import { formatTime } from '../../../ui/lib/format-time.js'

test('formatSize fits a narrow column', () => {
  expect(formatSize(0)).toBe('0 B')
  expect(formatSize(999)).toBe('999 B')
  expect(formatSize(1153)).toBe('1.2 KB')
  expect(formatSize(5_242_880)).toBe('5.2 MB')
})

test('formatTime shows local hours, minutes and seconds', () => {
  const date = new Date(2026, 10, 26, 9, 5, 7)
  expect(formatTime(date.toISOString())).toBe('09:05:07')
  expect(formatTime('not a date')).toBe('not a date')
})
