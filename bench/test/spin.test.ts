import { describe, expect, test } from 'vitest'
import { bytesPerMicro, spinFor } from '../src/spin.js'

describe('spinFor', () => {
  test('no loop for 0 µs, so a bare route runs nothing more', () => {
    expect(spinFor(0)).toBeUndefined()
  })
  test('the bytes per µs are measured once, and a loop of 2 ms runs for about that long', () => {
    const perMicro = bytesPerMicro()
    expect(perMicro).toBeGreaterThan(0)
    expect(bytesPerMicro()).toBe(perMicro)
    const loop = spinFor(2000) as () => void
    const start = performance.now()
    loop()
    // Loose: the size comes from the fastest timing run, so a loop only runs long on a busy machine.
    expect(performance.now() - start).toBeGreaterThan(0.5)
  })
})
