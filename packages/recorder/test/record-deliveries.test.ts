import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReceiver } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { deliver } from '@blinger-webhooks/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type RecordedDelivery, type RecordStream, recordDeliveries } from '../src/index.js'

const token = 'super-secret-token-value'
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recorder-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function lines(text: string): RecordedDelivery[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedDelivery)
}

/** Resolves once `path` holds `count` lines; gives up after two seconds. */
async function untilLines(path: string, count: number): Promise<void> {
  const deadline = Date.now() + 2000
  while (Date.now() < deadline) {
    const text = await readFile(path, 'utf8').catch(() => '')
    if (lines(text).length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`${path} did not reach ${count} lines`)
}

/** A stream that keeps what it is given. */
function memoryStream(): RecordStream & { lines: string[] } {
  const kept: string[] = []
  return {
    lines: kept,
    write(line, callback) {
      kept.push(line)
      callback?.()
      return true
    },
  }
}

describe('recordDeliveries to a file', () => {
  it('appends one NDJSON line per accepted delivery, and never the token', async () => {
    const path = join(dir, 'deliveries.ndjson')
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path })
    const first = await deliver(receiver, 'message.incoming', { message: { message: 'one' } }, { token })
    await deliver(receiver, 'user.new', {}, { token, tokenIn: 'header' })
    await deliver(receiver, { webhook: 'on_something_new', x: 1 }, { token })
    await recorder.close()

    const text = await readFile(path, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    expect(text).not.toContain(token)
    const records = lines(text)
    expect(records.map((record) => record.name)).toEqual(['message.incoming', 'user.new', 'unknown'])
    expect(Object.keys(records[0] ?? {})).toEqual(['receivedAt', 'id', 'name', 'webhook', 'payload'])
    expect(records[0]).toMatchObject({ id: first.event?.id, webhook: 'on_message_incoming' })
    expect(new Date(records[0]?.receivedAt ?? '').toISOString()).toBe(records[0]?.receivedAt)
    expect(records[1]?.payload).toEqual(FixtureByEventName['user.new'])
    expect(recorder).toMatchObject({ recorded: 3, dropped: 0 })
  })

  it('records nothing that was not accepted: a wrong token, an invalid payload, a duplicate', async () => {
    const path = join(dir, 'deliveries.ndjson')
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path })
    expect((await deliver(receiver, 'user.new', {}, { token: 'wrong' })).status).toBe(401)
    expect((await deliver(receiver, { webhook: 'on_user_new' }, { token })).status).toBe(422)
    await deliver(receiver, 'user.new', {}, { token })
    await deliver(receiver, 'user.new', {}, { token })
    await recorder.close()
    expect(lines(await readFile(path, 'utf8'))).toHaveLength(1)
  })

  it('appends to an existing file', async () => {
    const path = join(dir, 'deliveries.ndjson')
    for (const name of ['user.new', 'message.outgoing'] as const) {
      const receiver = createReceiver({ token })
      const recorder = recordDeliveries(receiver, { path })
      await deliver(receiver, name, {}, { token })
      await recorder.close()
    }
    expect(lines(await readFile(path, 'utf8')).map((record) => record.name)).toEqual([
      'user.new',
      'message.outgoing',
    ])
  })

  it('reopen() after a rename (logrotate) writes on to a new file, losing nothing', async () => {
    const path = join(dir, 'deliveries.ndjson')
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path })
    await deliver(receiver, 'message.incoming', { message: { message: 'before' } }, { token })
    await untilLines(path, 1)
    await rename(path, `${path}.1`)
    // Written after the rename but before reopen: still goes to the renamed file, as logrotate expects.
    await deliver(receiver, 'message.incoming', { message: { message: 'between' } }, { token })
    await recorder.reopen()
    await deliver(receiver, 'message.incoming', { message: { message: 'after' } }, { token })
    await recorder.close()
    const text = (record: RecordedDelivery) =>
      (record.payload as { message: { message: string } }).message.message
    expect(lines(await readFile(`${path}.1`, 'utf8')).map(text)).toEqual(['before', 'between'])
    expect(lines(await readFile(path, 'utf8')).map(text)).toEqual(['after'])
  })

  it('stops after close(): later deliveries are not recorded; close and reopen are then no-ops', async () => {
    const path = join(dir, 'deliveries.ndjson')
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path })
    await recorder.close()
    await deliver(receiver, 'user.new', {}, { token })
    await recorder.close()
    await recorder.reopen()
    expect(await readFile(path, 'utf8')).toBe('')
  })

  it('issue 23: creates the file 0600 and its folder; a path that cannot be opened throws at once', async () => {
    const path = join(dir, 'missing', 'deliveries.ndjson')
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    await recorder.close()
    await writeFile(join(dir, 'file'), '')
    expect(() => recordDeliveries(receiver, { path: join(dir, 'file', 'x', 'y.ndjson') })).toThrow(
      /^\[@blinger-webhooks\/recorder\] Cannot open .*y\.ndjson for appending \(ENOTDIR/,
    )
  })

  it('issue 23: a full disk keeps lines in memory, still answers 200, and names them (console.error by default)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { path: '/dev/full' })
    const result = await deliver(receiver, 'message.incoming', { message: { message: 'a' } }, { token })
    expect(result.status).toBe(200)
    expect(recorder).toMatchObject({ recorded: 0, pending: 1, dropped: 0 })
    expect(log).toHaveBeenCalledTimes(1)
    const message = String((log.mock.calls[0]?.[0] as Error | undefined)?.message)
    expect(message).toContain('ENOSPC')
    expect(message).toContain(`delivery ${result.event?.id}`)
    await recorder.close()
    expect(recorder).toMatchObject({ recorded: 0, pending: 0, dropped: 1 })
    log.mockRestore()
  })
})

describe('recordDeliveries to a stream', () => {
  it('writes lines to any stream, filtered, and leaves the stream open', async () => {
    const stream = memoryStream()
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, {
      stream,
      filter: (event) => event.name.startsWith('message.'),
    })
    await deliver(receiver, 'message.incoming', {}, { token })
    await deliver(receiver, 'user.new', {}, { token })
    await recorder.reopen()
    await recorder.close()
    expect(stream.lines.map((line) => (JSON.parse(line) as RecordedDelivery).name)).toEqual([
      'message.incoming',
    ])
  })

  it('never delays the answer: a stream that never finishes a write still gets a 200 at once', async () => {
    const stream: RecordStream = { write: () => false }
    const receiver = createReceiver({ token })
    recordDeliveries(receiver, { stream })
    expect((await deliver(receiver, 'user.new', {}, { token })).status).toBe(200)
  })

  it('reports a stream that throws, and one that emits error, without failing the delivery', async () => {
    const onError = vi.fn(() => {
      throw new Error('a broken onError is contained too')
    })
    const listeners: ((error: Error) => void)[] = []
    const stream: RecordStream = {
      write: () => {
        throw new Error('EPIPE')
      },
      on: (_event, listener) => listeners.push(listener),
      off: () => {},
    }
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { stream, onError })
    const result = await deliver(receiver, 'user.new', {}, { token })
    expect(result.status).toBe(200)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(recorder.dropped).toBe(1)
    expect(listeners).toHaveLength(1)
  })

  it('drops lines, and says so once, while more than maxBuffered bytes wait', async () => {
    const onError = vi.fn()
    const stream = { ...memoryStream(), writableLength: 2048 }
    const receiver = createReceiver({ token })
    const recorder = recordDeliveries(receiver, { stream, onError, maxBuffered: 1024 })
    await deliver(receiver, 'message.incoming', { message: { message: '1' } }, { token })
    await deliver(receiver, 'message.incoming', { message: { message: '2' } }, { token })
    expect(recorder).toMatchObject({ recorded: 0, dropped: 2 })
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0].message).toContain('More than 1024 bytes')
    stream.writableLength = 0
    await deliver(receiver, 'message.incoming', { message: { message: '3' } }, { token })
    expect(recorder.recorded).toBe(1)
  })

  it('needs exactly one of path or stream', () => {
    const receiver = createReceiver({ token })
    expect(() => recordDeliveries(receiver, {})).toThrow(
      '[@blinger-webhooks/recorder] Give exactly one of { path } or { stream }.',
    )
    expect(() => recordDeliveries(receiver, { path: join(dir, 'x'), stream: memoryStream() })).toThrow(
      TypeError,
    )
  })
})
