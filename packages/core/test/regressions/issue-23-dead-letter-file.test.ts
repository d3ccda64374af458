import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createDeadLetters } from '../../src/dead-letters/create-dead-letters.js'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import type { DeadLetter, WebhookError } from '../../src/index.js'
import { post, receiverWith } from '../helpers.js'

// Issue 23: dead-letter files were 0644, unchecked at start, glued a letter onto a torn line, dropped letters on
// a full disk without naming them (and counted them written), and grew without bound on a repeated delivery.

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'issue-23-'))
})
afterEach(() => {
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

const drifted = { ...FixtureByEventName['message.incoming'], message: 'a plain string' }
const letter = (id: string): DeadLetter => ({
  receivedAt: new Date(0).toISOString(),
  id,
  name: 'unknown',
  webhook: 'on_x',
  payload: { webhook: 'on_x' },
  reason: 'unhandled',
})
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((text) => text !== '')

describe('issue 23: dead letters you can trust', () => {
  test('the file is 0600, its folder is created, and the path is checked when the receiver is made', () => {
    const path = join(dir, 'logs', 'dead.ndjson')
    receiverWith({ deadLetters: { path } })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const wide = join(dir, 'wide.ndjson')
    receiverWith({ deadLetters: { path: wide, mode: 0o640 } })
    expect(statSync(wide).mode & 0o777).toBe(0o640)
    writeFileSync(join(dir, 'file'), '')
    const bad = join(dir, 'file', 'x', 'dead.ndjson')
    expect(() => receiverWith({ deadLetters: { path: bad } })).toThrow(
      `Cannot open ${bad} for appending (ENOTDIR`,
    )
    expect(() => receiverWith({ deadLetters: { path, maxBytes: 0 } })).toThrow(TypeError)
  })

  test('a torn last line never swallows the next letter', async () => {
    const path = join(dir, 'dead.ndjson')
    writeFileSync(path, '{"receivedAt":"2026-12-01T00:00:00.000Z","id":"ab')
    const receiver = receiverWith({ deadLetters: { path } })
    expect((await receiver.handle(post(drifted))).status).toBe(422)
    const [, last] = lines(path)
    expect(JSON.parse(last ?? '')).toMatchObject({ reason: 'invalid', payload: drifted })
  })

  test('the same invalid body in a loop is written once, and the repeats are counted in a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const path = join(dir, 'dead.ndjson')
    const receiver = receiverWith({ deadLetters: { path } })
    for (let n = 0; n < 20; n++) await receiver.handle(post(drifted))
    expect(lines(path)).toHaveLength(1)
    expect(receiver.deadLetters).toMatchObject({ written: 1, repeated: 19 })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('was lost again (invalid)')
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('plain string')
  })

  test('a full disk: keep() says false, nothing is counted written, and the error names the delivery', async () => {
    const errors: WebhookError[] = []
    const { keep, output } = createDeadLetters({ path: '/dev/full' }, (error) => errors.push(error))
    expect(keep?.(letter('id-full'))).toBe(false)
    expect(output).toMatchObject({ written: 0, pending: 1, dropped: 0 })
    expect(errors[0]).toMatchObject({ code: 'dead_letter_failed' })
    expect(errors[0]?.message).toContain('Not kept: delivery id-full.')
    expect(errors[0]?.message).toContain('ENOSPC')
    await output.close()
    expect(output).toMatchObject({ written: 0, pending: 0, dropped: 1 })
  })

  test('keep() says true for a written letter and in the no-option mode', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { keep, output } = createDeadLetters({ path: join(dir, 'd.ndjson') }, () => {})
    expect(keep?.(letter('id-ok'))).toBe(true)
    expect(keep?.(letter('id-ok'))).toBe(true)
    await output.close()
    await output.close()
    expect(keep?.(letter('id-late'))).toBe(false)
    expect(output).toMatchObject({ written: 1, repeated: 1, dropped: 1 })
    expect(createDeadLetters(undefined, () => {}).keep?.(letter('id-w'))).toBe(true)
  })
})

describe('issue 23: a delivery that can be neither handled nor kept is never answered 200', () => {
  test('an unhandled webhook whose letter the full disk refuses gets 503 not_kept; with room, 200', async () => {
    const full = receiverWith({ deadLetters: { path: '/dev/full' } })
    full.on('error', () => {})
    const refused = await full.handle(post({ webhook: 'on_something_new' }))
    expect(refused.status).toBe(503)
    expect(JSON.parse(String(refused.body))).toMatchObject({ error: 'not_kept' })
    await full.close()

    const path = join(dir, 'dead.ndjson')
    const roomy = receiverWith({ deadLetters: { path } })
    expect((await roomy.handle(post({ webhook: 'on_something_new' }))).status).toBe(200)
    expect(JSON.parse(lines(path)[0] ?? '')).toMatchObject({
      reason: 'unhandled',
      webhook: 'on_something_new',
    })
    await roomy.close()
  })
})
