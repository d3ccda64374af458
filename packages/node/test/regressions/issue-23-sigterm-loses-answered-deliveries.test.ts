import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, describe, expect, test } from 'vitest'

// Issue 23: with `ack: 'immediately'`, or a handler slower than `handlerTimeout`, 20 of 20 deliveries answered
// 200 were lost on SIGTERM, with no dead letter: there was no way to wait for running handlers. With the
// README's recipe (server.close(), then hooks.close()), a real process on a real socket now finishes them, or
// keeps each one as a `shutdown` dead letter when they outlive the close timeout.

const token = 'sigterm-test-token-0123456789'
const message = FixtureByEventName['message.incoming']
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

function lines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []
}

async function startApp(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'issue-23-'))
  const files = { DONE: join(dir, 'done.txt'), LETTERS: join(dir, 'letters.ndjson') }
  const child = spawn(
    process.execPath,
    [
      '--conditions=@blinger-webhooks/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('../fixtures/shutdown-app.ts', import.meta.url)),
    ],
    { env: { ...process.env, BLINGER_TOKEN: token, ...files, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  children.push(child)
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /ready (\d+)/.exec(chunk.toString())
      if (ready) resolve(Number(ready[1]))
    })
    child.once('exit', (code) => reject(new Error(`the app exited early (${code})`)))
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { child, port, exited, files }
}

async function sendTwenty(port: number): Promise<number[]> {
  const sends = Array.from({ length: 20 }, (_, i) =>
    fetch(`http://127.0.0.1:${port}/?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message, message: { ...message.message, id: 1000 + i } }),
    }).then((response) => response.status),
  )
  return Promise.all(sends)
}

describe('issue 23: SIGTERM after the answer loses no delivery', () => {
  test("ack 'immediately': the drain lets the 20 running handlers finish before the process exits", async () => {
    const app = await startApp({ ACK: 'immediately', HANDLE_MS: '400', CLOSE_TIMEOUT: '10000' })
    expect(await sendTwenty(app.port)).toEqual(Array(20).fill(200))
    expect(lines(app.files.DONE)).toHaveLength(0)
    app.child.kill('SIGTERM')
    expect(await app.exited).toBe(0)
    expect(lines(app.files.DONE)).toHaveLength(20)
    expect(lines(app.files.LETTERS)).toHaveLength(0)
  }, 30_000)

  test('handlers slower than handlerTimeout: answered 200 at the timeout, then drained', async () => {
    const app = await startApp({ HANDLER_TIMEOUT: '100', HANDLE_MS: '600', CLOSE_TIMEOUT: '10000' })
    expect(await sendTwenty(app.port)).toEqual(Array(20).fill(200))
    app.child.kill('SIGTERM')
    expect(await app.exited).toBe(0)
    expect(lines(app.files.DONE)).toHaveLength(20)
  }, 30_000)

  test('handlers that outlive the close timeout: each answered delivery is a shutdown dead letter', async () => {
    const app = await startApp({ ACK: 'immediately', HANDLE_MS: '60000', CLOSE_TIMEOUT: '200' })
    expect(await sendTwenty(app.port)).toEqual(Array(20).fill(200))
    app.child.kill('SIGTERM')
    expect(await app.exited).toBe(0)
    expect(lines(app.files.DONE)).toHaveLength(0)
    const letters = lines(app.files.LETTERS).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(letters).toHaveLength(20)
    expect(new Set(letters.map((letter) => letter.id)).size).toBe(20)
    for (const letter of letters)
      expect(letter).toMatchObject({ reason: 'shutdown', name: 'message.incoming' })
  }, 30_000)
})
