import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createNdjsonWriter } from '../../src/ndjson/create-ndjson-writer.js'

// A disk that is full for a while and then has room again (a log rotated away, a volume grown): the real
// writeSync, refused with ENOSPC while `full` is set.
const disk = vi.hoisted(() => ({ full: false }))
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>()
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    return (fs.writeSync as (...all: unknown[]) => number)(...args)
  }) as typeof fs.writeSync
  return { ...fs, default: { ...fs, writeSync }, writeSync }
})

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ndjson-recovery-'))
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  disk.full = false
  rmSync(dir, { recursive: true, force: true })
})

const line = (value: unknown) => () => `${JSON.stringify(value)}\n`

test('lines that waited while the disk was full are written in order once it has room, and counted then', async () => {
  const path = join(dir, 'letters.ndjson')
  const onError = vi.fn()
  const out = createNdjsonWriter({ path }, { onError, warn: () => {} })
  disk.full = true
  expect(out.write(line({ n: 1 }), 'id-1')).toBe('pending')
  expect(out.write(line({ n: 2 }), 'id-2')).toBe('pending')
  expect(out).toMatchObject({ written: 0, pending: 2, dropped: 0 })
  vi.advanceTimersByTime(1000)
  expect(out.pending).toBe(2)

  disk.full = false
  vi.advanceTimersByTime(1000)
  expect(out).toMatchObject({ written: 2, pending: 0, dropped: 0 })
  expect(out.write(line({ n: 3 }), 'id-3')).toBe('kept')
  expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n')
  await out.close()
  expect(onError.mock.calls.every(([error]) => !String(error.message).includes('id-3'))).toBe(true)
})

test('a line written while older ones wait goes after them, not before', async () => {
  const path = join(dir, 'letters.ndjson')
  const out = createNdjsonWriter({ path }, { onError: () => {}, warn: () => {} })
  disk.full = true
  out.write(line({ n: 1 }), 'id-1')
  disk.full = false
  expect(out.write(line({ n: 2 }), 'id-2')).toBe('kept')
  expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n')
  expect(out).toMatchObject({ written: 2, pending: 0 })
  await out.close()
})
