import { afterEach, expect, test, vi } from 'vitest'
import { withoutToken } from '../../src/delivery-options.js'
import { ExitCode, runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'

// Issue 12 (D7): a malformed `--url` was quoted whole by commander (query and token included), and a token
// with a line break in header mode was quoted by `Headers.append`; both then sat in the terminal and CI logs.

const secret = 'S3CRET-7f1e2d3c4b5a'

afterEach(() => {
  vi.unstubAllEnvs()
})

test.each([
  ['a URL without a scheme separator', ['send', 'user.new', '--url', `http//127.0.0.1:9/x?token=${secret}`]],
  ['a URL of another scheme', ['send', 'user.new', '--url', `ftp://127.0.0.1:9/x?token=${secret}`]],
  ['a malformed URL on replay', ['replay', 'x.ndjson', '--url', `://h/?token=${secret}`]],
  [
    'a newline in a header token',
    ['send', 'user.new', '--url', 'http://127.0.0.1:9/x', '--token', `${secret}\nx`, '--token-in', 'header'],
  ],
  [
    'a newline in a header token on replay',
    [
      'replay',
      'x.ndjson',
      '--url',
      'http://127.0.0.1:9/x',
      '--token',
      `${secret}\r\n`,
      '--token-in',
      'header',
    ],
  ],
  [
    'a forward URL of another scheme',
    ['inspect', '--port', '0', '--forward', `ftp://127.0.0.1:9/?token=${secret}`],
  ],
])('%s is refused with exit 2 and without the token', async (_, argv) => {
  const io = memoryIo()
  expect(await runCli(argv, io)).toBe(ExitCode.usage)
  expect(io.err()).toMatch(/^\[@blinger-webhooks\/cli\] [^\n]+\n$/)
  expect(io.err() + io.out()).not.toContain(secret)
})

test('a malformed BLINGER_WEBHOOK_URL is not quoted either', async () => {
  vi.stubEnv('BLINGER_WEBHOOK_URL', `not a url?token=${secret}`)
  const io = memoryIo()
  expect(await runCli(['send', 'user.new'], io)).toBe(ExitCode.usage)
  expect(io.err()).toContain('--url is not a URL')
  expect(io.err()).not.toContain(secret)
})

test('any failure text is stripped of the token, raw or URL-encoded', () => {
  expect(withoutToken(`Headers.append: "Bearer ${secret}\n" is invalid`, secret)).toBe(
    'Headers.append: "Bearer [redacted]\n" is invalid',
  )
  expect(withoutToken('GET /?token=a%2Fb failed', 'a/b')).toBe('GET /?token=[redacted] failed')
  expect(withoutToken('no token here', undefined)).toBe('no token here')
})
