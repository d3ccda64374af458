import { describe, expect, test } from 'vitest'
import { spinFor } from '../src/spin.js'

describe('spinFor', () => {
  test('no loop for 0 µs, so a bare route runs nothing more', () => {
    expect(spinFor(0)).toBeUndefined()
  })
  test('a loop runs at least the µs asked for', () => {
    const loop = spinFor(500) as () => void
    const start = performance.now()
    loop()
    expect(performance.now() - start).toBeGreaterThanOrEqual(0.5)
  })
})
