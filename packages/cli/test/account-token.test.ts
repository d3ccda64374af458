import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/index.js'
import { memoryIo } from './memory-io.js'
import { serve, type TestServer } from './serve.js'

let server: TestServer
let dir: string
let tokensFile: string
const accounts: unknown[] = []
beforeAll(async () => {
  server = await serve({
    token: { acme: 'acme-secret', globex: ['globex-new', 'globex-old'] },
    dedupe: false,
  })
  server.receiver.on('*', (event) => void accounts.push(event.account))
  dir = await mkdtemp(join(tmpdir(), 'account-token-'))
  tokensFile = join(dir, 'tokens.json')
  await writeFile(tokensFile, JSON.stringify({ acme: 'acme-secret', globex: ['globex-new', 'globex-old'] }))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('send and replay --account', () => {
  it('sends the token of the account from --tokens-file (the first of an array), replacing --token', async () => {
    accounts.length = 0
    const send = (account: string) =>
      runCli(
        [
          'send',
          'user.new',
          '--url',
          server.url,
          '--token',
          'wrong',
          '--account',
          account,
          '--tokens-file',
          tokensFile,
        ],
        memoryIo(),
      )
    expect(await send('acme')).toBe(0)
    expect(await send('globex')).toBe(0)
    expect(accounts).toEqual(['acme', 'globex'])
  })

  it('reads BLINGER_TOKEN_<ACCOUNT> without a tokens file', async () => {
    accounts.length = 0
    process.env.BLINGER_TOKEN_ACME = 'acme-secret'
    try {
      expect(
        await runCli(['send', 'comment.incoming', '--url', server.url, '--account', 'acme'], memoryIo()),
      ).toBe(0)
      expect(accounts).toEqual(['acme'])
    } finally {
      delete process.env.BLINGER_TOKEN_ACME
    }
  })

  it('an account with no token is a usage error that names no token', async () => {
    const out = memoryIo()
    const code = await runCli(
      ['replay', tokensFile, '--url', server.url, '--account', 'initech', '--tokens-file', tokensFile],
      out,
    )
    expect(code).toBe(2)
    expect(out.err()).toContain('--account initech has no token in')
    expect(out.err()).not.toContain('secret')
    const missing = memoryIo()
    expect(await runCli(['send', 'user.new', '--url', server.url, '--account', 'nobody'], missing)).toBe(2)
    expect(missing.err()).toContain('BLINGER_TOKEN_NOBODY')
  })
})
