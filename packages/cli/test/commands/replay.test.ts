import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPayload } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { serve, type TestServer } from '../serve.js'

let server: TestServer
let dir: string
beforeAll(async () => {
  server = await serve({ token: 't', dedupe: false })
  dir = await mkdtemp(join(tmpdir(), 'replay-tty-'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('replay on a terminal', () => {
  it('draws a progress bar, lists only failures above it, and ends with the summary', async () => {
    const file = join(dir, 'tty.ndjson')
    const lines = [createPayload('user.new'), { webhook: 'on_user_new' }, createPayload('comment.incoming')]
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'))
    let stdout = ''
    let stderr = ''
    const code = await runCli(['replay', file, '--url', server.url, '--token', 't'], {
      stdout: { isTTY: true, columns: 100, write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: [],
    })
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const screen = stdout.split('\r\u001b[2K')
    expect(screen).toContain(`422 user.new ${file}:2\n`)
    expect(screen.some((part) => /^\[#+\] 3\/3 2xx 2 4xx 1 5xx 0 err 0$/.test(part))).toBe(true)
    expect(screen.at(-1)).toBe('sent 3, 2xx 2, 4xx 1, 5xx 0, network errors 0\n')
    expect(stdout).not.toContain('200 user.new')
  })
})
