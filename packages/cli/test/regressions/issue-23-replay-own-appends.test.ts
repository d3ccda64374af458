import { appendFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPayload } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'

// Issue 23: replaying the dead-letter file of the receiver it replays to chased its own appends: each replayed
// letter that failed again was appended, read and sent again (323 MB in 15 s with --concurrency 8). Replay now
// reads what the file held when it started.

let server: Server
let url: string
let dir: string
let file: string
let posts = 0
/** Appends stop here, so that today's code, which chases them, ends too. */
const maxAppends = 500

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'issue-23-appends-'))
  file = join(dir, 'dead-letters.ndjson')
  // A receiver whose handler still fails: every delivery is a dead letter again, appended before the answer.
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      posts++
      if (posts <= maxAppends) appendFileSync(file, `${body}\n`)
      res.writeHead(500).end('{"error":"handler_failed"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/blinger`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

describe('issue 23: replay never reads its own appends', () => {
  it('sends the letters the file held at the start, once each, while the receiver appends', async () => {
    // More lines than readline buffers ahead (1024), so appends land while the file is still being read.
    const letters = Array.from({ length: 1100 }, (_, index) =>
      JSON.stringify(
        createPayload('message.incoming', { message: { message: `${index} ${'x'.repeat(200)}` } }),
      ),
    )
    await writeFile(file, `${letters.join('\n')}\n`)
    const io = memoryIo()
    const code = await runCli(['replay', file, '--url', url, '--concurrency', '8'], io)
    expect(code).toBe(1)
    expect(posts).toBe(1100)
    expect(io.out().trimEnd().split('\n').at(-1)).toBe('sent 1100, 2xx 0, 4xx 0, 5xx 1100, network errors 0')
    // The receiver did append: the file doubled while replay read it.
    expect((await readFile(file, 'utf8')).trimEnd().split('\n')).toHaveLength(1600)
    expect((await stat(file)).size).toBeGreaterThan(1_000_000)
  })
})
