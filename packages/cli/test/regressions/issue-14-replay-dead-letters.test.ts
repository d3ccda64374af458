import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { createPayload, deliver } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'
import { serve } from '../serve.js'

// Issue 14: a delivery whose handler failed was kept nowhere. The receiver's dead letters now keep it, and
// `blinger-webhooks replay dead-letters.ndjson --reason failed` re-delivers it to the fixed app, which handles
// it: the failed delivery's id was released.

const secret = 'app-secret-7f3a9c'
let dir: string
let path: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'issue-14-replay-'))
  path = join(dir, 'dead-letters.ndjson')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function run(args: string[]) {
  const io = memoryIo()
  const code = await runCli(args, io)
  return { code, stdout: io.out(), stderr: io.err() }
}

describe('issue 14: replaying dead letters', () => {
  it('keeps each loss in the file, and --reason failed re-delivers only the failed ones to the fixed app', async () => {
    const app = await serve({ token: secret, deadLetters: { path } })
    let broken = true
    const handled: AnyWebhookEvent[] = []
    app.receiver.on('message.incoming', (event) => {
      if (broken) throw new Error('a bug, fixed in the next release')
      handled.push(event)
    })
    try {
      expect((await deliver(app.url, 'message.incoming', {}, { token: secret })).status).toBe(500)
      const invalid = { ...createPayload('user.new'), user: { id: 'x' } }
      expect((await deliver(app.url, invalid as object, { token: secret })).status).toBe(422)
      expect((await deliver(app.url, { webhook: 'on_something_new' }, { token: secret })).status).toBe(200)
      await app.receiver.deadLetters.close()
      const letters = (await readFile(path, 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { reason: string })
      expect(letters.map((letter) => letter.reason)).toEqual(['failed', 'invalid', 'unhandled'])
      expect(await readFile(path, 'utf8')).not.toContain(secret)

      broken = false // the fix is deployed
      const result = await run(['replay', path, '--url', app.url, '--token', secret, '--reason', 'failed'])
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('sent 1, 2xx 1, 4xx 0, 5xx 0, network errors 0')
      expect(handled.map((event) => event.name)).toEqual(['message.incoming'])

      const some = await run([
        'replay',
        path,
        '--url',
        app.url,
        '--token',
        secret,
        '--reason',
        'failed',
        '--reason',
        'invalid',
      ])
      // The failed one was handled by the first replay, so this time it is answered as a duplicate.
      expect(some.stdout.trimEnd().split('\n').at(-1)).toBe(
        'sent 2, 2xx 1 (1 duplicate), 4xx 1, 5xx 0, network errors 0',
      )
    } finally {
      await app.close()
    }
  })

  it('rejects an unknown --reason with one line, exit 2', async () => {
    const result = await run(['replay', path, '--url', 'http://127.0.0.1:1/', '--reason', 'lost'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /Give one of invalid, unhandled, failed, unavailable, shutdown, timeout, overflow/,
    )
  })
})
