import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { deliver } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'
import { serve } from '../serve.js'

// Issue 23 added dead letters of reason `shutdown` (close() gave the handlers up) and `timeout`, issue 27
// `overflow`; `replay --reason` still took only the first four, so the letters a deploy left could not be
// replayed on their own. The reasons now come from core's list.

const secret = 'app-secret-23'
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'issue-23-replay-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('replay --reason shutdown re-delivers the deliveries close() gave up', async () => {
  const path = join(dir, 'dead-letters.ndjson')
  const deploying = await serve({ token: secret, deadLetters: { path } })
  deploying.receiver.on('message.incoming', () => new Promise<void>(() => {})) // still running at SIGTERM
  const answered = deliver(deploying.url, 'message.incoming', {}, { token: secret })
  await expect.poll(() => deploying.receiver.running).toBe(1)
  await deploying.receiver.close({ timeout: 0 })
  expect((await answered).status).toBe(200) // its letter is kept: the answer says received
  await deploying.close()
  expect(
    (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).reason),
  ).toEqual(['shutdown'])

  const next = await serve({ token: secret })
  const handled: AnyWebhookEvent[] = []
  next.receiver.on('message.incoming', (event) => {
    handled.push(event)
  })
  try {
    const io = memoryIo()
    const code = await runCli(
      ['replay', path, '--url', next.url, '--token', secret, '--reason', 'shutdown'],
      io,
    )
    expect({ code, stderr: io.err() }).toEqual({ code: 0, stderr: '' })
    expect(handled.map((event) => event.name)).toEqual(['message.incoming'])
  } finally {
    await next.close()
  }
})

it('replay --reason names every reason a letter can have when it refuses one', async () => {
  const io = memoryIo()
  expect(
    await runCli(
      ['replay', join(dir, 'none.ndjson'), '--url', 'http://127.0.0.1:1/', '--reason', 'lost'],
      io,
    ),
  ).toBe(2)
  expect(io.err()).toMatch(
    /Give one of invalid, unhandled, failed, unavailable, shutdown, timeout, overflow\./,
  )
})
