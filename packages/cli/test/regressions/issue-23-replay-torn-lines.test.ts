import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deliver } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'
import { serve } from '../serve.js'

// Issue 23: kill -9 during a dead-letter write leaves a torn line; the first letter written after the restart
// was glued onto it, and replay skipped both. Now each unreadable line is reported by its line number, the rest
// is replayed, the whole letter glued after a torn one is recovered, and the exit code says something was lost.

const secret = 'torn-secret-4d3c'
let dir: string
let letters: string[]
let file: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'issue-23-torn-'))
  // Real dead letters, from a receiver whose handler fails.
  const path = join(dir, 'written.ndjson')
  const app = await serve({ token: secret, deadLetters: { path }, dedupe: false })
  app.receiver.on('message.incoming', () => {
    throw new Error('a bug')
  })
  try {
    for (const text of ['one', 'two', 'three', 'four', 'five', 'six'])
      expect(
        (await deliver(app.url, 'message.incoming', { message: { message: text } }, { token: secret }))
          .status,
      ).toBe(500)
    await app.receiver.deadLetters.close()
  } finally {
    await app.close()
  }
  letters = (await readFile(path, 'utf8')).trimEnd().split('\n')
  expect(letters).toHaveLength(6)
  const torn = (line: string) => line.slice(0, Math.floor(line.length / 2))
  file = join(dir, 'dead-letters.ndjson')
  await writeFile(
    file,
    [
      letters[0], // 1: whole
      torn(letters[1] ?? ''), // 2: torn in the middle, then a newline
      letters[2], // 3: whole
      `${torn(letters[3] ?? '')}${letters[4]}`, // 4: torn, and the next letter glued to it (kill -9, restart)
      `${torn(letters[5] ?? '')}`, // 5: the last line, torn, no newline after it
    ].join('\n'),
  )
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('issue 23: replay reads around torn lines', () => {
  it('replays every whole letter, the glued one too, names each unreadable line, and exits 1', async () => {
    const fixed = await serve({ token: secret, dedupe: false })
    const handled: string[] = []
    fixed.receiver.on('message.incoming', (event) => void handled.push(event.payload.message.message))
    try {
      const io = memoryIo()
      const code = await runCli(['replay', file, '--url', fixed.url, '--token', secret], io)
      expect(code).toBe(1)
      expect(io.err()).toBe('')
      expect(handled).toEqual(['one', 'three', 'five'])
      const column = (letters[3] ?? '').slice(0, Math.floor((letters[3] ?? '').length / 2)).length + 1
      expect(io.out().trimEnd().split('\n')).toEqual([
        `200 message.incoming ${file}:1`,
        `skip ${file}:2: not valid JSON`,
        `200 message.incoming ${file}:3`,
        `skip ${file}:4: not valid JSON: a letter cut short, with the next one glued to it`,
        `200 message.incoming ${file}:4:${column}`,
        `skip ${file}:5: not valid JSON: the last line, cut short (a crash mid-write, or a write still under way)`,
        'sent 3, 2xx 3, 4xx 0, 5xx 0, network errors 0, skipped 3',
      ])
    } finally {
      await fixed.close()
    }
  })
})
