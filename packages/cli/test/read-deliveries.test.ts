import { statSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { listReplayFiles, type ReplayItem, readDeliveries } from '../src/read-deliveries.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-deliveries-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 1 // a missing file: readDeliveries must say it cannot open it
  }
}

async function collect(files: string[]): Promise<ReplayItem[]> {
  const items: ReplayItem[] = []
  for await (const item of readDeliveries(files.map((path) => ({ path, size: sizeOf(path) }))))
    items.push(item)
  return items
}

describe('readDeliveries', () => {
  it('reads NDJSON line by line (CRLF too), skipping blank lines and flagging bad ones', async () => {
    const file = join(dir, 'a.ndjson')
    await writeFile(file, '{"webhook":"a"}\r\n\r\nnope\n7\n{"receivedAt":"t","payload":{"webhook":"b"}}')
    expect(await collect([file])).toEqual([
      { source: `${file}:1`, payload: { webhook: 'a' } },
      { source: `${file}:3`, problem: 'not valid JSON' },
      { source: `${file}:4`, problem: 'not a JSON object' },
      { source: `${file}:5`, payload: { webhook: 'b' } },
    ])
  })

  it('reads a .json file as one document or an array, falling back to NDJSON', async () => {
    const one = join(dir, 'one.json')
    const many = join(dir, 'many.json')
    const lines = join(dir, 'lines.json')
    await writeFile(one, '\ufeff{\n  "webhook": "a"\n}\n')
    await writeFile(many, '[{"webhook":"a"},{"webhook":"b"}]')
    await writeFile(lines, '{"webhook":"a"}\n{"webhook":"b"}\n')
    expect(await collect([one, many, lines])).toEqual([
      { source: one, payload: { webhook: 'a' } },
      { source: `${many}[0]`, payload: { webhook: 'a' } },
      { source: `${many}[1]`, payload: { webhook: 'b' } },
      { source: `${lines}:1`, payload: { webhook: 'a' } },
      { source: `${lines}:2`, payload: { webhook: 'b' } },
    ])
  })

  it('reads a file only up to the size given: what it held when replay started', async () => {
    const file = join(dir, 'growing.ndjson')
    const first = '{"webhook":"a"}\n'
    await writeFile(file, `${first}{"webhook":"b"}\n`)
    const items: ReplayItem[] = []
    for await (const each of readDeliveries([{ path: file, size: Buffer.byteLength(first) }]))
      items.push(each)
    expect(items).toEqual([{ source: `${file}:1`, payload: { webhook: 'a' } }])
  })

  it('takes the account and reason of a recorder line or dead letter, never of a bare payload', async () => {
    const file = join(dir, 'accounts.ndjson')
    const letter = { receivedAt: 't', id: 'i', account: 'acme', payload: { webhook: 'a' }, reason: 'failed' }
    const lines = [
      letter,
      { ...letter, account: undefined },
      { webhook: 'b', account: 'x' },
      { ...letter, account: 7 },
    ]
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'))
    expect(await collect([file])).toEqual([
      { source: `${file}:1`, payload: { webhook: 'a' }, reason: 'failed', account: 'acme' },
      { source: `${file}:2`, payload: { webhook: 'a' }, reason: 'failed' },
      { source: `${file}:3`, payload: { webhook: 'b', account: 'x' } },
      { source: `${file}:4`, problem: 'its account is not a valid account name' },
    ])
  })

  it('recovers the whole letter glued after a torn one, and says when the last line is cut short', async () => {
    const file = join(dir, 'torn.ndjson')
    const letter = '{"receivedAt":"t","payload":{"webhook":"a","nested":{"receivedAt":"x"}}}'
    const torn = '{"receivedAt":"t","payload":{"webhook":"a","mess'
    await writeFile(file, `${torn}${letter}\n${torn}\n${letter}\n${torn}`)
    expect(await collect([file])).toEqual([
      { source: `${file}:1`, problem: 'not valid JSON: a letter cut short, with the next one glued to it' },
      { source: `${file}:1:${torn.length + 1}`, payload: { webhook: 'a', nested: { receivedAt: 'x' } } },
      { source: `${file}:2`, problem: 'not valid JSON' },
      { source: `${file}:3`, payload: { webhook: 'a', nested: { receivedAt: 'x' } } },
      {
        source: `${file}:4`,
        problem: 'not valid JSON: the last line, cut short (a crash mid-write, or a write still under way)',
      },
    ])
  })

  it('throws a CliError for a file it cannot open', async () => {
    await expect(collect([join(dir, 'missing.ndjson')])).rejects.toThrow(CliError)
  })
})

describe('listReplayFiles', () => {
  it('lists a directory’s delivery files in name order, not recursing', async () => {
    const folder = join(dir, 'folder')
    await mkdir(join(folder, 'nested'), { recursive: true })
    for (const name of [
      '2026-02.ndjson',
      '2026-01.ndjson',
      'x.jsonl',
      'y.json',
      'readme.md',
      'nested/z.ndjson',
    ]) {
      await writeFile(join(folder, name), '')
    }
    expect(await listReplayFiles(folder)).toEqual(
      ['2026-01.ndjson', '2026-02.ndjson', 'x.jsonl', 'y.json'].map((name) => ({
        path: join(folder, name),
        size: 0,
      })),
    )
    expect(await listReplayFiles(join(folder, 'readme.md'))).toEqual([
      { path: join(folder, 'readme.md'), size: 0 },
    ])
  })
})
