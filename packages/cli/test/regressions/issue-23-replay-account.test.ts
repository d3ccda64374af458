import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPayload } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'
import { serve, type TestServer } from '../serve.js'

// Issue 23: `replay --account X` sent every letter with X's token, also the letters a receiver with a token
// map had written for another account: one client's conversations were handed to another (the wrong tenant).
// Now a letter's own account wins; `--account` and `--token` only fill in letters that carry none.

const tokens = { acme: 'acme-secret-1a2b', globex: ['globex-new-3c4d', 'globex-old-5e6f'] }
let server: TestServer
let dir: string
let tokensFile: string
const received: { account: unknown; conversation: unknown }[] = []

beforeAll(async () => {
  server = await serve({ token: tokens, dedupe: false })
  server.receiver.on(
    '*',
    (event) =>
      void received.push({
        account: event.account,
        conversation: (event.payload as { conversation_token?: unknown }).conversation_token,
      }),
  )
  dir = await mkdtemp(join(tmpdir(), 'issue-23-account-'))
  tokensFile = join(dir, 'tokens.json')
  await writeFile(tokensFile, JSON.stringify(tokens))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

/** A dead letter as a receiver with a token map writes it: its account beside the payload. */
function letter(account: string | undefined, conversation: string): string {
  const payload = createPayload('message.incoming', { conversation_token: conversation })
  return JSON.stringify({
    receivedAt: '2026-12-01T10:00:00.000Z',
    id: `id-${conversation}`,
    ...(account === undefined ? {} : { account }),
    name: 'message.incoming',
    webhook: payload.webhook,
    payload,
    reason: 'failed',
  })
}

describe('issue 23: replay --account keeps each letter with its own account', () => {
  it('sends acme’s letter as acme and globex’s as globex; --account globex fills in only the one with none', async () => {
    received.length = 0
    const file = join(dir, 'letters.ndjson')
    await writeFile(
      file,
      `${[letter('acme', 'c-acme'), letter('globex', 'c-globex'), letter(undefined, 'c-none')].join('\n')}\n`,
    )
    const io = memoryIo()
    const code = await runCli(
      ['replay', file, '--url', server.url, '--account', 'globex', '--tokens-file', tokensFile],
      io,
    )
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    expect(received).toEqual([
      { account: 'acme', conversation: 'c-acme' },
      { account: 'globex', conversation: 'c-globex' },
      { account: 'globex', conversation: 'c-none' },
    ])
  })

  it('never sends a letter with another account’s token: one whose account has no token is reported, not sent', async () => {
    received.length = 0
    const file = join(dir, 'unknown-account.ndjson')
    await writeFile(file, `${[letter('initech', 'c-initech'), letter('acme', 'c-acme')].join('\n')}\n`)
    const io = memoryIo()
    // --token is acme's: the initech letter must not go out with it.
    const code = await runCli(['replay', file, '--url', server.url, '--token', tokens.acme], io)
    expect(code).toBe(1)
    expect(received).toEqual([])
    const lines = io.out().trimEnd().split('\n')
    expect(lines[0]).toBe(
      `skip message.incoming ${file}:1: no token for its account initech (set BLINGER_TOKEN_INITECH or give --tokens-file); --token and --account only serve letters without an account`,
    )
    expect(lines[1]).toMatch(/^skip message\.incoming .*:2: no token for its account acme/)
    expect(lines.at(-1)).toBe('sent 0, 2xx 0, 4xx 0, 5xx 0, network errors 0, skipped 2')
    expect(io.out()).not.toContain('secret')

    // With the account's token in the environment, the same letter goes out as acme.
    received.length = 0
    process.env.BLINGER_TOKEN_ACME = tokens.acme
    try {
      const again = memoryIo()
      expect(await runCli(['replay', file, '--url', server.url, '--token', 'unused'], again)).toBe(1)
      expect(received).toEqual([{ account: 'acme', conversation: 'c-acme' }])
    } finally {
      delete process.env.BLINGER_TOKEN_ACME
    }
  })
})
