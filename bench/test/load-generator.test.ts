import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { chooseLoadGenerator, loadGeneratorAdvice, sliceMsFor } from '../src/load-generator.js'
import { wrkOnPath, wrkSeconds } from '../src/wrk-load.js'

describe('chooseLoadGenerator', () => {
  test('wrk when it is on PATH, autocannon otherwise', () => {
    expect(chooseLoadGenerator(undefined, true)).toEqual({ name: 'wrk', reason: 'wrk on PATH' })
    expect(chooseLoadGenerator(undefined, false)).toEqual({ name: 'autocannon', reason: 'no wrk on PATH' })
  })

  test('BENCH_LOADGEN=autocannon forces autocannon; BENCH_LOADGEN=wrk requires wrk', () => {
    expect(chooseLoadGenerator('autocannon', true)).toEqual({ name: 'autocannon', reason: 'BENCH_LOADGEN' })
    expect(chooseLoadGenerator('wrk', true)).toEqual({ name: 'wrk', reason: 'BENCH_LOADGEN' })
    expect(() => chooseLoadGenerator('wrk', false)).toThrow(/apt-get install wrk/)
    expect(() => chooseLoadGenerator('ab', true)).toThrow(/wrk or autocannon/)
  })

  test('only autocannon for want of wrk prints the advice to install wrk', () => {
    const advice = (reason: 'BENCH_LOADGEN' | 'no wrk on PATH') =>
      loadGeneratorAdvice({ name: 'autocannon', version: '9.0.0', reason })
    expect(advice('no wrk on PATH')).toContain('`apt-get install wrk` gives a load generator that saturates')
    expect(advice('BENCH_LOADGEN')).toBeUndefined()
  })
})

describe('slices', () => {
  test('wrk runs whole seconds, at least one; autocannon any length', () => {
    expect(wrkSeconds(0.3)).toBe(1)
    expect(wrkSeconds(2.4)).toBe(2)
    expect(sliceMsFor('wrk', 300)).toBe(1000)
    expect(sliceMsFor('wrk', 1000)).toBe(1000)
    expect(sliceMsFor('wrk', 2600)).toBe(3000)
    expect(sliceMsFor('autocannon', 300)).toBe(300)
  })
})

describe('wrkOnPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-path-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('finds an executable wrk in a PATH directory, and only an executable one', () => {
    const path = ['/nonexistent', dir].join(delimiter)
    writeFileSync(join(dir, 'wrk'), '#!/bin/sh\n')
    chmodSync(join(dir, 'wrk'), 0o644)
    expect(wrkOnPath(path)).toBe(false)
    chmodSync(join(dir, 'wrk'), 0o755)
    expect(wrkOnPath(path)).toBe(true)
    expect(wrkOnPath('')).toBe(false)
  })
})
