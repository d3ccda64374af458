import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { createLetterToken } from '../src/letter-token.js'

let dir: string
let tokensFile: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'letter-token-'))
  tokensFile = join(dir, 'tokens.json')
  await writeFile(tokensFile, JSON.stringify({ acme: 'a', globex: ['g-new', 'g-old'], empty: '' }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('createLetterToken', () => {
  it('gives a letter without an account the fallback, and one with an account that account’s token', () => {
    const tokenOf = createLetterToken('fallback', tokensFile, {})
    expect(tokenOf(undefined)).toEqual({ token: 'fallback' })
    expect(tokenOf('acme')).toEqual({ token: 'a' })
    expect(tokenOf('globex')).toEqual({ token: 'g-new' })
    expect(createLetterToken(undefined, undefined, {})(undefined)).toEqual({ token: undefined })
  })

  it('reads BLINGER_TOKEN_<ACCOUNT> without a tokens file', () => {
    const tokenOf = createLetterToken(undefined, undefined, { BLINGER_TOKEN_MY_SHOP: 's' })
    expect(tokenOf('my-shop')).toEqual({ token: 's' })
  })

  it('never falls back for a letter whose account has no token, and names no token', () => {
    const fromFile = createLetterToken('fallback', tokensFile, { BLINGER_TOKEN_INITECH: 'ignored' })
    expect(fromFile('initech')).toEqual({
      problem: `no token for its account initech (${tokensFile} has none); --token and --account only serve letters without an account`,
    })
    expect(fromFile('empty')).toMatchObject({
      problem: expect.stringContaining('no token for its account empty'),
    })
    expect(createLetterToken('fallback', undefined, {})('acme')).toMatchObject({
      problem: expect.stringContaining('set BLINGER_TOKEN_ACME or give --tokens-file'),
    })
  })

  it('refuses an account no receiver writes, without looking it up', () => {
    const tokenOf = createLetterToken('fallback', tokensFile, {})
    expect(tokenOf('__proto__ ')).toEqual({ problem: 'its account is not a valid account name' })
    expect(tokenOf('x'.repeat(65))).toEqual({ problem: 'its account is not a valid account name' })
  })

  it('throws a CliError for a tokens file it cannot read, before anything is sent', async () => {
    expect(() => createLetterToken(undefined, join(dir, 'missing.json'))).toThrow(CliError)
    const list = join(dir, 'list.json')
    await writeFile(list, '["a"]')
    expect(() => createLetterToken(undefined, list)).toThrow(/is not a JSON map of account → token/)
  })
})
