import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createRateLimitedWarner } from '../../src/dead-letters/create-rate-limited-warner.js'
import { post, receiverWith } from '../helpers.js'

let lines: string[]
const make = () =>
  createRateLimitedWarner({
    warn: (line) => lines.push(line),
    summary: (key, count, windowMs) => `${count} more ${key} in ${windowMs} ms`,
  })

beforeEach(() => {
  lines = []
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createRateLimitedWarner', () => {
  test('writes three lines a minute per key, then one summary with the count left out', () => {
    const warn = make()
    for (let index = 0; index < 10; index++) warn('failed', `failed ${index}`)
    warn('invalid', 'invalid 0') // another key has its own budget
    expect(lines).toEqual(['failed 0', 'failed 1', 'failed 2', 'invalid 0'])
    vi.advanceTimersByTime(59_999)
    expect(lines).toHaveLength(4)
    vi.advanceTimersByTime(1)
    expect(lines.at(-1)).toBe('7 more failed in 60000 ms')
    expect(lines).toHaveLength(5) // nothing left out of invalid: no summary for it
  })

  test('a new window writes again, and its own summary', () => {
    const warn = make()
    for (let index = 0; index < 4; index++) warn('failed', `a${index}`)
    vi.advanceTimersByTime(60_000)
    for (let index = 0; index < 5; index++) warn('failed', `b${index}`)
    vi.advanceTimersByTime(60_000)
    expect(lines).toEqual([
      'a0',
      'a1',
      'a2',
      '1 more failed in 60000 ms',
      'b0',
      'b1',
      'b2',
      '2 more failed in 60000 ms',
    ])
  })

  test('a line after the window closes it first, even before its timer ran', () => {
    const warn = make()
    for (let index = 0; index < 4; index++) warn('failed', `a${index}`)
    vi.setSystemTime(Date.now() + 61_000) // the clock moves on, the timer has not fired yet
    warn('failed', 'b0')
    expect(lines).toEqual(['a0', 'a1', 'a2', '1 more failed in 60000 ms', 'b0'])
    vi.runAllTimers()
    expect(lines).toHaveLength(5) // the old timer does not close the new window
  })

  test('no timer runs while nothing is left out', () => {
    const warn = make()
    warn('failed', 'one')
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('the receiver without deadLetters', () => {
  test('bounds its console.warn lines per reason and sums up the rest', async () => {
    vi.useRealTimers()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] }) // the body is read with real I/O
    const receiver = receiverWith({ dedupe: false })
    for (let index = 0; index < 20; index++) await receiver.handle(post({ webhook: `on_new_${index}` }))
    expect(warn).toHaveBeenCalledTimes(3)
    vi.advanceTimersByTime(60_000)
    expect(warn).toHaveBeenCalledTimes(4)
    expect(String(warn.mock.calls[3]?.[0])).toBe(
      '[@blinger-webhooks/core] 17 more lost deliveries (unhandled) were not logged in the last 60 s. Keep them with the deadLetters option.',
    )
    warn.mockRestore()
  })
})
