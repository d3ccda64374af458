import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AnyWebhookEvent } from '@blinger-webhooks/core'
import { recordDeliveries } from '@blinger-webhooks/recorder'
import { createPayload, deliver } from '@blinger-webhooks/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type BinResult, removeBundle, runBin } from './run-bin.js'
import { closedUrl, serve, type TestServer } from './serve.js'

// End to end: the CLI runs as a child process against a real node:http server on 127.0.0.1.

const token = 'e2e-secret-token'
const schemasDir = fileURLToPath(new URL('../../core/schemas/', import.meta.url))
let server: TestServer
let received: AnyWebhookEvent[]
let dir: string

beforeAll(async () => {
  server = await serve({ token, dedupe: false })
  server.receiver.on('*', (event) => {
    received.push(event)
  })
  server.receiver.on('message.incoming', (event) => {
    if (event.payload.message.message === 'boom') throw new Error('handler failed on purpose')
    if (event.payload.message.message === 'hang up') server.hangUpAfterThis()
  })
  dir = await mkdtemp(join(tmpdir(), 'cli-e2e-'))
})
afterAll(async () => {
  await removeBundle()
  await server.close()
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  received = []
})

/** A one-line error from the CLI: prefixed, no stack trace, nothing on stdout. */
function expectOneLineError(result: BinResult, pattern: RegExp) {
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^\[@blinger-webhooks\/cli\] /)
  expect(lines[0]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const ndjson = (...values: unknown[]) =>
  `${values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('\n')}\n`

describe('send', () => {
  it('sends an event sample and prints the status and body', async () => {
    const result = await runBin(['send', 'message.incoming', '--url', server.url, '--token', token])
    expect(result).toMatchObject({ code: 0, stdout: '200 OK\n{"ok":true}\n', stderr: '' })
    expect(received.map((event) => event.name)).toEqual(['message.incoming'])
  })

  it('sends a payload file, with the token from BLINGER_TOKEN in a header', async () => {
    const path = await file('send/payload.json', createPayload('user.new', { user: { name: 'From a file' } }))
    const result = await runBin(['send', path, '--url', server.url, '--token-in', 'header'], {
      env: { BLINGER_TOKEN: token },
    })
    expect(result).toMatchObject({ code: 0, stdout: '200 OK\n{"ok":true}\n' })
    expect(received[0]?.payload).toMatchObject({ user: { name: 'From a file' } })
  })

  it('sends a recorded line, or stdin', async () => {
    const record = {
      receivedAt: new Date().toISOString(),
      id: 'x',
      name: 'user.new',
      webhook: 'on_user_new',
      payload: createPayload('user.new'),
    }
    const fromRecord = await runBin([
      'send',
      await file('send/record.json', record),
      '--url',
      server.url,
      '--token',
      token,
    ])
    const fromStdin = await runBin(['send', '-', '--url', server.url, '--token', token], {
      input: JSON.stringify(createPayload('comment.incoming')),
    })
    expect([fromRecord.code, fromStdin.code]).toEqual([0, 0])
    expect(received.map((event) => event.name)).toEqual(['user.new', 'comment.incoming'])
  })

  it('prints 401 and exits 1 with a wrong token', async () => {
    const result = await runBin(['send', 'user.new', '--url', server.url, '--token', 'wrong'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      '401 Unauthorized\n{"error":"unauthorized","message":"The token is missing or wrong."}\n',
    )
    expect(received).toEqual([])
  })

  it('prints 422 and the failing paths for an invalid payload file, exit 1', async () => {
    const path = await file('send/invalid.json', { webhook: 'on_message_incoming', message: 'old API' })
    const result = await runBin(['send', path, '--url', server.url, '--token', token])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /^422 Unprocessable Entity\n\{"error":"invalid_payload".*"path":"\/message"/,
    )
  })

  it('gives one line and exit 3 when the URL does not answer, without the token', async () => {
    const url = await closedUrl()
    const result = await runBin(['send', 'user.new', '--url', `${url}?token=${token}`, '--token', token])
    expect(result.code).toBe(3)
    expectOneLineError(
      result,
      new RegExp(
        `^\\[@blinger-webhooks/cli\\] POST ${url} failed: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+$`,
      ),
    )
    expect(result.stderr).not.toContain(token)
  })

  it('rejects an unknown event name, a missing file and a file that is not JSON, exit 2', async () => {
    const name = await runBin(['send', 'message.deleted', '--url', server.url])
    expect(name.code).toBe(2)
    expectOneLineError(name, /Unknown event name "message\.deleted"\. Use one of: conversation\.unassigned/)
    const missing = await runBin(['send', join(dir, 'nope.json'), '--url', server.url])
    expect(missing.code).toBe(2)
    expectOneLineError(missing, /Cannot read .*nope\.json: no such file or directory$/)
    const broken = await runBin(['send', await file('send/broken.json', '{"webhook":'), '--url', server.url])
    expect(broken.code).toBe(2)
    expectOneLineError(broken, /broken\.json is not valid JSON/)
  })
})

describe('replay', () => {
  it('replays mixed outcomes in order, prints a line each and the summary, and exits 1', async () => {
    const record = (message: string) => ({
      receivedAt: '2026-11-26T10:00:00.000Z',
      id: message,
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      payload: createPayload('message.incoming', { message: { message } }),
    })
    const path = await file(
      'replay/mixed.ndjson',
      ndjson(
        record('one'),
        createPayload('user.new'),
        { webhook: 'on_message_incoming' },
        '{not json',
        record('boom'),
        '',
        record('hang up'),
        '[1,2]',
        { webhook: 'on_something_new' },
      ),
    )
    const result = await runBin(['replay', path, '--url', server.url, '--token', token])
    expect(result.stderr).toBe('')
    expect(result.stdout.split('\n')).toEqual([
      `200 message.incoming ${path}:1`,
      `200 user.new ${path}:2`,
      `422 message.incoming ${path}:3`,
      `skip ${path}:4: not valid JSON`,
      `500 message.incoming ${path}:5`,
      expect.stringMatching(new RegExp(`^error message\\.incoming ${path}:7: \\S.*`)),
      `skip ${path}:8: not a JSON object`,
      `200 on_something_new ${path}:9`,
      'sent 6, 2xx 3, 4xx 1, 5xx 1, network errors 1, skipped 2',
      '',
    ])
    expect(result.code).toBe(1)
  })

  it('exits 0 when every delivery got a 2xx, and keeps at most --concurrency in flight', async () => {
    const slow = await serve({ token, dedupe: false })
    slow.receiver.on('*', () => new Promise((resolve) => setTimeout(resolve, 30)))
    try {
      const lines = Array.from({ length: 12 }, (_, index) =>
        createPayload('message.incoming', { message: { id: index } }),
      )
      const path = await file('replay/twelve.ndjson', ndjson(...lines))
      const result = await runBin(['replay', path, '--url', slow.url, '--token', token, '--concurrency', '3'])
      expect(result.code).toBe(0)
      expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
        'sent 12, 2xx 12, 4xx 0, 5xx 0, network errors 0',
      )
      expect(slow.maxInFlight()).toBe(3)
    } finally {
      await slow.close()
    }
  })

  it('reads a directory’s .ndjson, .jsonl and .json files in name order, and nothing else', async () => {
    await file('replay-dir/b.json', [createPayload('user.new'), createPayload('comment.outgoing')])
    await file('replay-dir/a.ndjson', ndjson(createPayload('conversation.closed')))
    await file('replay-dir/c.jsonl', ndjson(createPayload('message.outgoing')))
    await file('replay-dir/notes.txt', 'not a delivery')
    const result = await runBin(['replay', join(dir, 'replay-dir'), '--url', server.url, '--token', token])
    expect(result.code).toBe(0)
    expect(received.map((event) => event.name)).toEqual([
      'conversation.closed',
      'user.new',
      'comment.outgoing',
      'message.outgoing',
    ])
    expect(result.stdout).toContain(`${join(dir, 'replay-dir', 'b.json')}[1]`)
  })

  it('counts every delivery as a network error when the URL does not answer, exit 1', async () => {
    const path = await file(
      'replay/two.ndjson',
      ndjson(createPayload('user.new'), createPayload('comment.incoming')),
    )
    const result = await runBin(['replay', path, '--url', await closedUrl()])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^error user\.new .*two\.ndjson:1: connect ECONNREFUSED/)
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('sent 2, 2xx 0, 4xx 0, 5xx 0, network errors 2')
  })

  it('stops quietly when its output pipe closes early (| head)', async () => {
    const lines = Array.from({ length: 2000 }, () => createPayload('user.new'))
    const path = await file('replay/many.ndjson', ndjson(...lines))
    const result = await runBin(['replay', path, '--url', await closedUrl(), '--concurrency', '8'], {
      closeStdoutEarly: true,
    })
    expect(result.stderr).toBe('')
    expect(result.code).not.toBeNull()
  })

  it('reproduces recorded traffic: record on one receiver, replay to another', async () => {
    const production = await serve({ token: 'production-token' })
    const path = join(dir, 'recorded', 'deliveries.ndjson')
    await mkdir(join(dir, 'recorded'), { recursive: true })
    const recorder = recordDeliveries(production.receiver, { path })
    try {
      await deliver(
        production.url,
        'message.incoming',
        { message: { message: 'recorded' } },
        { token: 'production-token' },
      )
      await deliver(production.url, 'conversation.assigned', {}, { token: 'production-token' })
      await deliver(production.url, 'user.new', {}, { token: 'wrong' }) // refused, so not recorded
    } finally {
      await recorder.close()
      await production.close()
    }
    expect(await readFile(path, 'utf8')).not.toContain('production-token')
    const result = await runBin(['replay', path, '--url', server.url, '--token', token])
    expect(result.code).toBe(0)
    expect(received.map((event) => event.name)).toEqual(['message.incoming', 'conversation.assigned'])
    expect(received[0]?.payload).toMatchObject({ message: { message: 'recorded' } })
  })

  it('gives one line and exit 2 for a missing path or an empty directory', async () => {
    const missing = await runBin(['replay', join(dir, 'nowhere.ndjson'), '--url', server.url])
    expect(missing.code).toBe(2)
    expectOneLineError(missing, /Cannot read .*nowhere\.ndjson: no such file or directory$/)
    await mkdir(join(dir, 'empty'), { recursive: true })
    const empty = await runBin(['replay', join(dir, 'empty'), '--url', server.url])
    expect(empty.code).toBe(2)
    expectOneLineError(empty, /holds no \.ndjson, \.jsonl or \.json file/)
  })
})

describe('validate', () => {
  it('exits 0 and names the event for a valid payload, from a file or stdin', async () => {
    const valid = await runBin([
      'validate',
      await file('validate/valid.json', createPayload('conversation.closed')),
    ])
    expect(valid).toMatchObject({
      code: 0,
      stdout: 'valid: conversation.closed (on_conversation_closed)\n',
      stderr: '',
    })
    const stdin = await runBin(['validate', '-'], {
      input: JSON.stringify(createPayload('message.outgoing')),
    })
    expect(stdin).toMatchObject({ code: 0, stdout: 'valid: message.outgoing (on_message_outgoing)\n' })
  })

  it('exits 1 and prints each failing path for an invalid payload', async () => {
    const payload = createPayload(
      'message.incoming',
      { message: { id: 1.5 } },
      { validate: false },
    ) as unknown as Record<string, unknown>
    delete payload.conversation_token
    const result = await runBin(['validate', await file('validate/invalid.json', payload)])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      'invalid: message.incoming (on_message_incoming)\n  /: must have required properties conversation_token\n  /message/id: must be integer\n',
    )
  })

  it('exits 1 for an unknown webhook, a missing webhook field, or JSON that is not an object', async () => {
    const unknown = await runBin(['validate', '-'], { input: '{"webhook":"on_something_new"}' })
    expect(unknown).toMatchObject({
      code: 1,
      stdout: 'invalid: unknown webhook "on_something_new" (not in Blinger Webhooks v1.0)\n',
    })
    const noWebhook = await runBin(['validate', '-'], { input: '{"user":{}}' })
    expect(noWebhook).toMatchObject({ code: 1, stdout: 'invalid: no string "webhook" field\n' })
    const array = await runBin(['validate', '-'], { input: '[]' })
    expect(array).toMatchObject({ code: 1, stdout: 'invalid: not a JSON object\n' })
  })

  it('exits 2 with one line for a missing file or input that is not JSON', async () => {
    const missing = await runBin(['validate', join(dir, 'missing.json')])
    expect(missing.code).toBe(2)
    expectOneLineError(missing, /Cannot read .*missing\.json: no such file or directory$/)
    const notJson = await runBin(['validate', '-'], { input: 'hello' })
    expect(notJson.code).toBe(2)
    expectOneLineError(notJson, /^\[@blinger-webhooks\/cli\] stdin is not valid JSON: /)
  })
})

describe('schema', () => {
  it('prints the same JSON as the files in @blinger-webhooks/core/schemas', async () => {
    const index = await runBin(['schema'])
    expect(index).toMatchObject({ code: 0, stderr: '' })
    expect(index.stdout).toBe(await readFile(join(schemasDir, 'index.json'), 'utf8'))
    const one = await runBin(['schema', 'message.incoming'])
    expect(one.stdout).toBe(await readFile(join(schemasDir, 'message.incoming.json'), 'utf8'))
  })

  it('rejects an unknown event name with one line, exit 2', async () => {
    const result = await runBin(['schema', 'message.deleted'])
    expect(result.code).toBe(2)
    expectOneLineError(
      result,
      /'message\.deleted' is invalid .* Allowed choices are conversation\.unassigned/,
    )
  })
})

describe('help, version and bad arguments', () => {
  it.each([
    [['--help'], 'Usage: blinger-webhooks [options] [command]'],
    [['send', '--help'], 'Usage: blinger-webhooks send [options] <event-name|file>'],
    [['replay', '--help'], 'Usage: blinger-webhooks replay [options] <file|dir>'],
    [['validate', '--help'], 'Usage: blinger-webhooks validate [options] <file>'],
    [['schema', '--help'], 'Usage: blinger-webhooks schema [options] [event-name]'],
    [['help', 'replay'], 'Usage: blinger-webhooks replay [options] <file|dir>'],
  ])('%j prints usage and exits 0', async (args, usage) => {
    const result = await runBin(args)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout.startsWith(usage)).toBe(true)
  })

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(await runBin(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` })
  })

  it.each([
    [['send', 'user.new'], /required option '-u, --url <url>' not specified/],
    [['send', '--url', 'http://127.0.0.1:9/'], /missing required argument 'event-name\|file'/],
    [['send', 'user.new', '--url', 'ftp://example.com/'], /--url must be an http:\/\/ or https:\/\/ URL/],
    [['send', 'user.new', '--url', 'not a url'], /--url is not a URL/],
    [
      ['send', 'user.new', '--url', 'http://127.0.0.1:9/', '--token-in', 'body'],
      /Allowed choices are query, header/,
    ],
    [
      ['replay', 'x.ndjson', '--url', 'http://127.0.0.1:9/', '--concurrency', '0'],
      /Give a whole number from 1 to 256/,
    ],
    [['replay', 'x.ndjson', '--url', 'http://127.0.0.1:9/', '--timeout', 'soon'], /Give a whole number/],
    [['validate'], /missing required argument 'file'/],
    [['validate', 'a.json', 'b.json'], /too many arguments/],
    [['send', 'user.new', '--url', 'http://127.0.0.1:9/', '--verbose'], /unknown option '--verbose'/],
    [['sned'], /unknown command 'sned' \(Did you mean send\?\)/],
  ])('%j: one line on stderr, exit 2', async (args, pattern) => {
    const result = await runBin(args)
    expect(result.code).toBe(2)
    expectOneLineError(result, pattern)
  })

  it('with no command prints the usage on stderr and exits 2', async () => {
    const result = await runBin([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: blinger-webhooks')
  })
})
