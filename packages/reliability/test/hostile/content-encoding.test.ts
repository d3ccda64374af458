import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createLedger,
  hookPath,
  type Ledger,
  type RunningApp,
  rawRequest,
  requestHead,
  stacks,
  startApp,
} from '../support/index.js'

// The choice (SECURITY.md): any Content-Encoding but identity is refused with 415 before a byte is read, so
// nothing is ever inflated and `limit` always counts the bytes on the wire.
const token = 'encoding-token-c41f8a'
const authed = `${hookPath}?token=${token}`
const payload = Buffer.from(JSON.stringify(FixtureByEventName['user.new']))
const mebibyte = 1024 * 1024
// 50 MiB of zeros: about 50 kB on the wire.
const bomb = gzipSync(Buffer.alloc(50 * mebibyte), { level: 9 })

describe.each(stacks)('%s', (stack) => {
  let app: RunningApp
  let ledger: Ledger
  beforeAll(async () => {
    app = await startApp(stack, { token, limit: 5 * mebibyte })
    ledger = createLedger(app.hooks)
  })
  afterAll(() => app.close())

  test.each([
    ['gzip', gzipSync(payload)],
    ['deflate', deflateSync(payload)],
    ['br', brotliCompressSync(payload)],
  ])(
    '%s: 415 unsupported_content_encoding, Accept-Encoding: identity, nothing emitted',
    async (encoding, body) => {
      const head = requestHead(authed, {
        'content-type': 'application/json',
        'content-encoding': encoding,
        'content-length': body.length,
      })
      const response = await rawRequest(app.port, head, body)
      expect(response.status).toBe(415)
      expect(JSON.parse(response.body)).toMatchObject({ error: 'unsupported_content_encoding' })
      expect(response.headers['accept-encoding']).toBe('identity')
      expect(response.closed).toBe(true)
      expect(ledger.settle(415)).toBeUndefined()
    },
  )

  test('a gzip bomb (50 MiB of zeros in 50 kB) is refused without inflating: 415, RSS flat', async () => {
    expect(bomb.length).toBeLessThan(mebibyte)
    const before = process.memoryUsage().rss
    const head = requestHead(authed, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': bomb.length,
    })
    const response = await rawRequest(app.port, head, bomb)
    expect(response.status).toBe(415)
    expect((process.memoryUsage().rss - before) / mebibyte).toBeLessThan(30)
    expect(ledger.settle(415)).toBeUndefined()
  })

  test('Content-Encoding: identity is read as usual', async () => {
    const head = requestHead(authed, {
      'content-type': 'application/json',
      'content-encoding': 'identity',
      'content-length': payload.length,
    })
    const response = await rawRequest(app.port, head, payload)
    expect(response.status).toBe(200)
    expect(ledger.settle(200)).toBeUndefined()
  })
})
