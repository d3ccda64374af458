import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderJsonSchemaFiles, schemasDir, writeJsonSchemas } from '../../scripts/write-json-schemas.js'
import { eventNames } from '../../src/index.js'

describe('write-json-schemas', () => {
  it('the committed schemas/*.json are what the script writes now (run `pnpm schemas` if this fails)', async () => {
    const expected = renderJsonSchemaFiles()
    const onDisk = (await readdir(schemasDir)).filter((file) => file.endsWith('.json')).sort()
    expect(onDisk).toEqual([...expected.keys()].sort())
    for (const [file, text] of expected)
      expect(await readFile(join(schemasDir, file), 'utf8'), file).toBe(text)
  })

  it('writes one file per event plus index.json, and removes stale ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schemas-'))
    try {
      await writeFile(join(dir, 'message.deleted.json'), '{}')
      const written = await writeJsonSchemas(dir)
      expect(written).toEqual([...eventNames.map((name) => `${name}.json`), 'index.json'])
      expect((await readdir(dir)).sort()).toEqual([...written].sort())
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
