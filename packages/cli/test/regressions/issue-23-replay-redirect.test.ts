import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPayload } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'

// Issue 23: a receiver answering 307 or 308 (an http → https or trailing-slash redirect) made replay fail with
// "Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer", counted as a network error: fetch
// followed the redirect and could not send the body again. A redirect is now a failure with its status, never
// followed (it would re-send the letter, token included, to an address the user never gave).

const secret = 'redirect-secret-9a8b'
let server: Server
let url: string
let dir: string
let posts = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      posts++
      if (req.url?.startsWith('/final')) res.writeHead(200).end('{"ok":true}')
      else {
        const status = req.url?.startsWith('/permanent') ? 308 : 307
        res.writeHead(status, { location: `/final?token=${secret}` }).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  dir = await mkdtemp(join(tmpdir(), 'issue-23-redirect-'))
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

describe('issue 23: a redirect is a failure with its status, not a crash', () => {
  it.each([
    [307, '/temporary'],
    [308, '/permanent'],
  ])('replay reports %i, follows nothing and exits 1', async (status, path) => {
    const file = join(dir, `letters-${status}.ndjson`)
    await writeFile(
      file,
      `${JSON.stringify(createPayload('user.new'))}\n${JSON.stringify(createPayload('user.new'))}\n`,
    )
    posts = 0
    const io = memoryIo()
    const code = await runCli(
      ['replay', file, '--url', `${url}${path}`, '--token', secret, '--concurrency', '2'],
      io,
    )
    expect(code).toBe(1)
    expect(posts).toBe(2) // none followed
    const lines = io.out().trimEnd().split('\n')
    expect(lines.slice(0, 2).sort()).toEqual(
      [1, 2].map(
        (line) =>
          `${status} user.new ${file}:${line}: a redirect to ${url}/final, not followed (point --url at the final address)`,
      ),
    )
    expect(lines.at(-1)).toBe('sent 2, 2xx 0, 4xx 0, 5xx 0, network errors 0, other 2')
    expect(io.out()).not.toContain('detached')
    expect(io.out() + io.err()).not.toContain(secret)
  })

  it('send prints the redirect and exits 1, not 3 ("no answer")', async () => {
    const io = memoryIo()
    const code = await runCli(['send', 'user.new', '--url', `${url}/temporary`, '--token', secret], io)
    expect(code).toBe(1)
    expect(io.out()).toBe('307 Temporary Redirect\n')
    expect(io.err()).toBe(`Redirect to ${url}/final, not followed: point --url at the final address.\n`)
  })
})
