import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createNdjsonWriter, type NdjsonStream } from '../../src/ndjson/create-ndjson-writer.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ndjson-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const line = (value: unknown) => () => `${JSON.stringify(value)}\n`
const read = (path: string) => readFileSync(path, 'utf8')
const parsedLines = (path: string) =>
  read(path)
    .split('\n')
    .filter((text) => text !== '')
    .map((text) => JSON.parse(text) as unknown)
const silent = { onError: () => {}, warn: () => {} }

describe('createNdjsonWriter to a path', () => {
  test('creates missing folders and the file with mode 0600; mode may widen it', async () => {
    const path = join(dir, 'a', 'b', 'lines.ndjson')
    const out = createNdjsonWriter({ path }, silent)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    await out.close()
    const wide = join(dir, 'wide.ndjson')
    await createNdjsonWriter({ path: wide, mode: 0o640 }, silent).close()
    expect(statSync(wide).mode & 0o777).toBe(0o640)
  })

  test('a path that cannot be opened throws at once, naming it and the system error', () => {
    writeFileSync(join(dir, 'file'), '')
    const path = join(dir, 'file', 'logs', 'lines.ndjson')
    expect(() => createNdjsonWriter({ path }, silent)).toThrow(
      `[@blinger-webhooks/core] Cannot open ${path} for appending (ENOTDIR: not a directory, mkdir '${join(dir, 'file', 'logs')}').`,
    )
    expect(() => createNdjsonWriter({ path: dir }, silent)).toThrow(
      `[@blinger-webhooks/core] Cannot open ${dir} for appending (EISDIR: illegal operation on a directory, open '${dir}').`,
    )
  })

  test('mode, maxBytes, maxPending must be whole numbers above 0', () => {
    const path = join(dir, 'x.ndjson')
    expect(() => createNdjsonWriter({ path, mode: -1 }, silent)).toThrow(TypeError)
    expect(() => createNdjsonWriter({ path, maxBytes: 1.5 }, silent)).toThrow(
      'maxBytes must be a whole number above 0, not 1.5.',
    )
    expect(() => createNdjsonWriter({ path }, { ...silent, maxPending: 0 })).toThrow(TypeError)
  })

  test('a line is in the file when write() returns', async () => {
    const path = join(dir, 'x.ndjson')
    const out = createNdjsonWriter({ path }, silent)
    expect(out.write(line({ n: 1 }), 'id1')).toBe('kept')
    expect(read(path)).toBe('{"n":1}\n')
    expect(out.write(() => undefined, 'id2')).toBe('none')
    expect(out).toMatchObject({ written: 1, dropped: 0, pending: 0 })
    await out.close()
  })

  test('a torn last line gets its newline before the next line, also on reopen', async () => {
    const path = join(dir, 'x.ndjson')
    writeFileSync(path, '{"n":1}\n{"n":2,"te')
    const out = createNdjsonWriter({ path }, silent)
    out.write(line({ n: 3 }), 'id3')
    expect(read(path)).toBe('{"n":1}\n{"n":2,"te\n{"n":3}\n')
    writeFileSync(path, '{"torn', { flag: 'a' })
    await out.reopen()
    out.write(line({ n: 4 }), 'id4')
    await out.close()
    expect(read(path).split('\n').slice(-3)).toEqual(['{"torn', '{"n":4}', ''])
  })

  test('a whole file gets no blank line', async () => {
    const path = join(dir, 'x.ndjson')
    writeFileSync(path, '{"n":1}\n')
    const out = createNdjsonWriter({ path }, silent)
    out.write(line({ n: 2 }), 'id2')
    await out.close()
    expect(read(path)).toBe('{"n":1}\n{"n":2}\n')
  })

  test('big lines are written whole, never dropped by a buffer', async () => {
    const path = join(dir, 'big.ndjson')
    const out = createNdjsonWriter({ path }, silent)
    const big = 'x'.repeat(1024 * 1024)
    for (let n = 0; n < 40; n++) expect(out.write(line({ n, big }), `id${n}`)).toBe('kept')
    expect(out.write(line({ huge: 'y'.repeat(20 * 1024 * 1024) }), 'huge')).toBe('kept')
    await out.close()
    expect(out).toMatchObject({ written: 41, dropped: 0 })
    expect(parsedLines(path)).toHaveLength(41)
  })

  test('a line whose key is in the current file is not written again, until reopen', async () => {
    const path = join(dir, 'x.ndjson')
    const out = createNdjsonWriter({ path }, silent)
    expect(out.write(line({ n: 1 }), 'id1', 'k1')).toBe('kept')
    expect(out.write(line({ n: 1 }), 'id1', 'k1')).toBe('repeat')
    expect(out.write(line({ n: 2 }), 'id2', 'k2')).toBe('kept')
    expect(out.repeated).toBe(1)
    renameSync(path, `${path}.old`)
    await out.reopen()
    expect(out.write(line({ n: 1 }), 'id1', 'k1')).toBe('kept')
    await out.close()
    expect(parsedLines(`${path}.old`)).toEqual([{ n: 1 }, { n: 2 }])
    expect(parsedLines(path)).toEqual([{ n: 1 }])
  })

  test('maxBytes: the file is renamed to the next free number, with one warning, and keys start afresh', async () => {
    const path = join(dir, 'dead-letters.ndjson')
    writeFileSync(join(dir, 'dead-letters.1.ndjson'), 'not ours\n')
    const warn = vi.fn()
    const out = createNdjsonWriter({ path, maxBytes: 50 }, { onError: () => {}, warn })
    const row = (n: number) => line({ n, pad: 'abcd' }) // 21 bytes
    out.write(row(1), 'id1', 'k1')
    out.write(row(2), 'id2', 'k2')
    expect(warn).not.toHaveBeenCalled()
    out.write(row(3), 'id3', 'k3')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toBe(
      `[@blinger-webhooks/core] ${path} reached maxBytes (50 bytes): it was renamed to ${join(dir, 'dead-letters.2.ndjson')}, and new lines go to a new ${path}.`,
    )
    // k1 is in the renamed file, not in the current one.
    expect(out.write(row(1), 'id1', 'k1')).toBe('kept')
    await out.close()
    expect(read(join(dir, 'dead-letters.1.ndjson'))).toBe('not ours\n')
    expect(parsedLines(join(dir, 'dead-letters.2.ndjson'))).toEqual([
      { n: 1, pad: 'abcd' },
      { n: 2, pad: 'abcd' },
    ])
    expect(parsedLines(path)).toEqual([
      { n: 3, pad: 'abcd' },
      { n: 1, pad: 'abcd' },
    ])
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  test('maxBytes: one line bigger than the cap still goes to a fresh file', async () => {
    const path = join(dir, 'x.ndjson')
    const out = createNdjsonWriter({ path, maxBytes: 10 }, silent)
    expect(out.write(line({ long: 'x'.repeat(50) }), 'id1')).toBe('kept')
    expect(out.write(line({ long: 'y'.repeat(50) }), 'id2')).toBe('kept')
    await out.close()
    expect(parsedLines(path)).toHaveLength(1)
    expect(parsedLines(join(dir, 'x.1.ndjson'))).toHaveLength(1)
  })

  test('a file that cannot be reopened is reported, and lines go on to the old one', async () => {
    const path = join(dir, 'sub', 'x.ndjson')
    const onError = vi.fn()
    const out = createNdjsonWriter({ path }, { onError })
    rmSync(join(dir, 'sub'), { recursive: true })
    writeFileSync(join(dir, 'sub'), '')
    await out.reopen()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(String(onError.mock.calls[0]?.[0].message)).toMatch(`Cannot reopen ${path} (E`)
    expect(out.write(line({ n: 1 }), 'id1')).toBe('kept')
    await out.close()
  })

  test('close() twice is one close; later lines are dropped and reported', async () => {
    const path = join(dir, 'x.ndjson')
    const onError = vi.fn()
    const out = createNdjsonWriter({ path }, { onError })
    const first = out.close()
    expect(out.close()).toBe(first)
    await first
    expect(out.write(line({ n: 1 }), 'late-id')).toBe('dropped')
    expect(out.dropped).toBe(1)
    expect(String(onError.mock.calls[0]?.[0].message)).toBe(
      `[@blinger-webhooks/core] ${path} is closed. Not kept: delivery late-id. 1 line given up.`,
    )
    await out.reopen()
    expect(read(path)).toBe('')
  })
})

describe('createNdjsonWriter to a full disk (/dev/full)', () => {
  test('a failed line waits in memory, is reported with its id, and is not counted written', async () => {
    vi.useFakeTimers()
    const onError = vi.fn()
    const out = createNdjsonWriter({ path: '/dev/full' }, { onError, maxPending: 3 })
    expect(out.write(line({ n: 1 }), 'id-1')).toBe('pending')
    expect(out).toMatchObject({ written: 0, dropped: 0, pending: 1 })
    expect(onError).toHaveBeenCalledTimes(1)
    const [first] = onError.mock.calls[0] ?? []
    expect(first.message).toBe(
      '[@blinger-webhooks/core] Cannot write to /dev/full (ENOSPC: no space left on device, write). Not kept: delivery id-1. 1 line wait in memory, retried every second.',
    )
    expect(first.cause).toMatchObject({ code: 'ENOSPC' })
    for (let n = 2; n <= 30; n++) out.write(line({ n }), `id-${n}`)
    expect(out).toMatchObject({ written: 0, dropped: 27, pending: 3 })
    expect(onError).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1000)
    expect(onError).toHaveBeenCalledTimes(2)
    const ids = Array.from({ length: 20 }, (_, n) => `id-${n + 2}`).join(', ')
    expect(onError.mock.calls[1]?.[0].message).toBe(
      `[@blinger-webhooks/core] Cannot write to /dev/full (ENOSPC: no space left on device, write), and 3 lines wait already. Not kept: deliveries ${ids} and 9 more. 27 lines given up. 3 lines wait in memory, retried every second.`,
    )
    await out.close()
    expect(out).toMatchObject({ written: 0, dropped: 30, pending: 0 })
    expect(onError).toHaveBeenCalledTimes(3)
    expect(onError.mock.calls[2]?.[0].message).toContain('on close')
    expect(onError.mock.calls[2]?.[0].message).toContain('Not kept: deliveries id-1, id-2, id-3.')
  })

  test('a line that cannot be made is dropped and reported', () => {
    const onError = vi.fn()
    const out = createNdjsonWriter({ path: join(dir, 'x.ndjson') }, { onError })
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(out.write(line(cyclic), 'id-c')).toBe('dropped')
    expect(onError.mock.calls[0]?.[0].message).toMatch(
      /Cannot make the line \(.*circular.*\)\. Not kept: delivery id-c\./,
    )
  })
})

describe('createNdjsonWriter to a stream', () => {
  test('counts a line written when the callback reports success, and dropped when it fails', () => {
    const callbacks: ((error?: Error | null) => void)[] = []
    const stream: NdjsonStream = {
      write(_line: string, callback?: (error?: Error | null) => void) {
        if (callback) callbacks.push(callback)
        return true
      },
    }
    const onError = vi.fn()
    const out = createNdjsonWriter({ stream }, { onError })
    expect(out.write(line({ n: 1 }), 'id1')).toBe('kept')
    expect(out.write(line({ n: 2 }), 'id2')).toBe('kept')
    expect(out.written).toBe(0)
    callbacks[0]?.()
    callbacks[1]?.(new Error('EPIPE'))
    expect(out).toMatchObject({ written: 1, dropped: 1 })
    expect(onError.mock.calls[0]?.[0].message).toContain(
      'Cannot write to the stream (EPIPE). Not kept: delivery id2.',
    )
  })

  test("a stream whose write takes no callback (pino's) counts a line when it returns", () => {
    const kept: string[] = []
    const out = createNdjsonWriter({ stream: { write: (text: string) => kept.push(text) } }, silent)
    out.write(line({ n: 1 }), 'id1')
    expect(out.written).toBe(1)
    expect(kept).toEqual(['{"n":1}\n'])
  })
})
